import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PROCEDURE_IDS } from '../../../workflows/registry.js';

export class CreateCaseDto {
  @ApiProperty({ enum: PROCEDURE_IDS, example: 'five-step' })
  @IsString()
  @IsIn(PROCEDURE_IDS)
  procedure!: string;

  @ApiPropertyOptional({ description: 'A released version; default the latest', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  procedureVersion?: number;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: '引入专业机构运营日间照料中心' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @IsString()
  @Length(1, 10000)
  description!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Overrides of the procedure's configuration, e.g. { noticePeriodDays: 10 }" })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}
