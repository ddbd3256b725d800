import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { MAX_GRACE_DAYS } from '../../../workflows/rules/publication-calendar.rule.js';
import type { FinanceCadence } from '../../../workflows/rules/publication-matters.js';

export class PublicationSettingsDto {
  @ApiProperty({ enum: ['quarterly', 'monthly'], description: 'monthly where the collective finances have many transactions (art. 30 para. 2)' })
  @IsIn(['quarterly', 'monthly'])
  financeCadence!: FinanceCadence;

  @ApiProperty({ minimum: 0, maximum: MAX_GRACE_DAYS, example: 10, description: 'Days after a quarter or month by which its publication is due' })
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_DAYS)
  graceDays!: number;

  @ApiProperty({ example: '2026-01-01', description: 'China calendar day the calendar starts from (periods from the one containing it)' })
  @Matches(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'trackedFrom must be a date such as 2026-01-01' })
  trackedFrom!: string;
}

export class PublicationSettingsViewDto extends PublicationSettingsDto {
  @ApiProperty({ description: 'false: the defaults (quarterly, 10 days, from the day the village was created in minyi)' })
  configured!: boolean;

  @ApiProperty({ nullable: true, type: String })
  updatedAt!: string | null;
}
