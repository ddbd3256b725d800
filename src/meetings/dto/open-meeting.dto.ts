import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class OpenMeetingDto {
  @ApiPropertyOptional({ description: '主持人 who chairs', maxLength: 100, example: '钱书记' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  chair?: string;

  @ApiPropertyOptional({ description: '记录人 who keeps the minutes', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  recorder?: string;
}
