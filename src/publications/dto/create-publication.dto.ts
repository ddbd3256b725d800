import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PUBLICATION_MATTER_NAMES, type PublicationMatterName } from '../../../workflows/rules/publication-matters.js';
import { Trim } from '../../common/validation/trim.transform.js';

export const PUBLICATION_LIMITS = { title: 200, body: 10_000 } as const;

export class CreatePublicationDto {
  @ApiProperty({ enum: PUBLICATION_MATTER_NAMES, description: 'The art. 30 matter (see GET /api/units/:id/publication-calendar for the catalogue)' })
  @IsIn(PUBLICATION_MATTER_NAMES)
  matter!: PublicationMatterName;

  @ApiPropertyOptional({
    example: '2026-Q3',
    description: 'The period reported on, for periodic matters: a quarter (2026-Q3) or, for finances in a village set to monthly, a month (2026-10). Absent for at-once matters.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, { message: 'period must be a quarter such as 2026-Q3 or a month such as 2026-10' })
  period?: string;

  @ApiProperty({ minLength: 1, maxLength: PUBLICATION_LIMITS.title, example: '2026年第三季度财务收支公开' })
  @Trim()
  @IsString()
  @Length(1, PUBLICATION_LIMITS.title)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: PUBLICATION_LIMITS.body, description: 'Plain text, stored as typed and always escaped on output' })
  @IsString()
  @Length(1, PUBLICATION_LIMITS.body)
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;
}
