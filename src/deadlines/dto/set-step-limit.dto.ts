import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_LIMIT_DAYS, MIN_LIMIT_DAYS } from '../../../workflows/core/step-limits.js';

export class SetStepLimitDto {
  @ApiProperty({ minimum: MIN_LIMIT_DAYS, maximum: MAX_LIMIT_DAYS, description: 'Whole days of 24 hours from entering the step', example: 10 })
  @IsInt()
  @Min(MIN_LIMIT_DAYS)
  @Max(MAX_LIMIT_DAYS)
  days!: number;
}
