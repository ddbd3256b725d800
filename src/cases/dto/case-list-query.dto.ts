import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PROCEDURE_IDS } from '../../../workflows/registry.js';

export class CaseListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Cases at this unit or below it' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: PROCEDURE_IDS })
  @IsOptional()
  @IsIn(PROCEDURE_IDS)
  procedure?: string;

  @ApiPropertyOptional({ description: 'A state path or its top step, e.g. publicNotice', example: 'consultation' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  state?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only cases past a step time limit now (by the engine clock, whether or not the poller has recorded it yet); false: only the others' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Text in the title or description' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'From the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}
