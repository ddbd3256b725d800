import { ApiProperty } from '@nestjs/swagger';
import { IsInt } from 'class-validator';

/** A show of hands. Negative counts are refused by the service with NEGATIVE_COUNT. */
export class TallyDto {
  @ApiProperty({ minimum: 0, example: 24 })
  @IsInt()
  for!: number;

  @ApiProperty({ minimum: 0, example: 5 })
  @IsInt()
  against!: number;

  @ApiProperty({ minimum: 0, example: 2 })
  @IsInt()
  abstain!: number;
}
