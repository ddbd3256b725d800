import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CorrectionDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: '记录人笔误' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty({ minLength: 1, maxLength: 5000, example: '会议地点应为村委会二楼会议室' })
  @IsString()
  @Length(1, 5000)
  correction!: string;
}
