import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.transform.js';

export const OBJECTION_LIMITS = { name: 100, contact: 200, text: 2000 } as const;

/**
 * Well-formed Unicode only: JSON can carry an unpaired surrogate (`\ud800`), which is no text and
 * which the audit trail, where the objection's text is recorded, cannot hash (RFC 8785 is I-JSON).
 */
const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const wellFormed = (field: string) => Matches(WELL_FORMED, { message: `${field} must be well-formed Unicode text` });

export class FileObjectionDto {
  @ApiProperty({ minLength: 1, maxLength: OBJECTION_LIMITS.name, example: '王大妈' })
  @Trim()
  @IsString()
  @Length(1, OBJECTION_LIMITS.name)
  @wellFormed('name')
  name!: string;

  @ApiProperty({ minLength: 1, maxLength: OBJECTION_LIMITS.contact, description: 'Phone or address; seen by staff only', example: '138…' })
  @Trim()
  @IsString()
  @Length(1, OBJECTION_LIMITS.contact)
  @wellFormed('contact')
  contact!: string;

  @ApiProperty({ minLength: 1, maxLength: OBJECTION_LIMITS.text, description: 'Stored as text, always escaped on output' })
  @Trim()
  @IsString()
  @Length(1, OBJECTION_LIMITS.text)
  @wellFormed('text')
  text!: string;

  @ApiProperty({ description: 'From GET /api/public/notices/:id/objection-form' })
  @IsString()
  @MaxLength(200)
  formToken!: string;

  @ApiPropertyOptional({ description: 'Honeypot: leave empty' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  website?: string;
}
