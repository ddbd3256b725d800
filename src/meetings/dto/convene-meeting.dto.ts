import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { BODY_TYPE_NAMES } from '../../../workflows/rules/body-types.js';

export class ConveneMeetingDto {
  @ApiProperty({ enum: BODY_TYPE_NAMES, description: 'One of the bodies the case’s current step declares' })
  @IsString()
  @IsIn(BODY_TYPE_NAMES)
  body!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-10T01:00:00.000Z' })
  @IsISO8601({ strict: true })
  scheduledAt!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When notice was given (posted); default now. Never in the future.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  noticeGivenAt?: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: '村委会会议室' })
  @IsString()
  @Length(1, 200)
  place!: string;

  @ApiProperty({ minLength: 1, maxLength: 5000, example: '审议征地补偿款分配方案' })
  @IsString()
  @Length(1, 5000)
  motion!: string;

  @ApiPropertyOptional({ description: 'Assemblies: adults aged 18+ when not all villagers are registered people (default: the unit’s adult population)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  adults?: number;

  @ApiPropertyOptional({ description: 'Assemblies: households (default: the unit’s households)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  households?: number;
}
