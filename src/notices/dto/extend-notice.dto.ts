import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Trim } from '../../common/validation/trim.transform.js';

export class ExtendNoticeDto {
  @ApiProperty({ minimum: 1, maximum: 60, example: 3 })
  @IsInt()
  @Min(1)
  @Max(60)
  days!: number;

  @ApiProperty({ minLength: 1, maxLength: 2000, example: '春节假期，延长公示' })
  @Trim()
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
