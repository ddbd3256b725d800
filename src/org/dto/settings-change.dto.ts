import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SETTINGS_CHANGES_SHOWN } from '../settings-changes.js';

/** `?subject=body:resident_council&limit=50` */
export class SettingsChangesQueryDto {
  @ApiPropertyOptional({ description: 'Only this subject: `body:<body type>` or `publication-settings`', example: 'body:resident_council' })
  @IsOptional()
  @Matches(/^(body:[a-z_]{1,60}|publication-settings)$/)
  subject?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SETTINGS_CHANGES_SHOWN, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SETTINGS_CHANGES_SHOWN)
  limit: number = 50;
}

export class SettingsChangeDto {
  @ApiProperty({ description: 'Increasing: a later change has a larger id', example: 12 })
  id!: number;

  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty({ description: '`body:<body type>` (a body\'s rule, notice days, ballot settings) or `publication-settings` (a village\'s publication calendar)', example: 'body:resident_council' })
  subject!: string;

  @ApiProperty({ type: Object, nullable: true, description: 'The settings before the change (null: never set, the defaults applied)' })
  before!: unknown;

  @ApiProperty({ type: Object, description: 'The settings after the change' })
  after!: unknown;

  @ApiProperty({ format: 'uuid', description: 'Who changed them' })
  changedBy!: string;

  @ApiProperty({ description: 'The role they acted in', example: 'council_clerk' })
  changedRole!: string;

  @ApiProperty({ example: '2026-03-01T08:00:00.000Z' })
  changedAt!: string;
}
