import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CloseMeetingDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'A note for the record (e.g. 会议于11时结束)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
