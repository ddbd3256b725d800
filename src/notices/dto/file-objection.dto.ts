import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.transform.js';

export const OBJECTION_LIMITS = { name: 100, contact: 200, text: 2000 } as const;

export class FileObjectionDto {
  @ApiProperty({ minLength: 1, maxLength: OBJECTION_LIMITS.name, example: '王大妈' })
  @Trim()
  @IsString()
  @Length(1, OBJECTION_LIMITS.name)
  name!: string;

  @ApiProperty({ minLength: 1, maxLength: OBJECTION_LIMITS.contact, description: 'Phone or address; seen by staff only', example: '138…' })
  @Trim()
  @IsString()
  @Length(1, OBJECTION_LIMITS.contact)
  contact!: string;

  @ApiProperty({ minLength: 1, maxLength: OBJECTION_LIMITS.text, description: 'Stored as text, always escaped on output' })
  @Trim()
  @IsString()
  @Length(1, OBJECTION_LIMITS.text)
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
