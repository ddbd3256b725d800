import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { UNIT_KIND_NAMES, type UnitKind } from '../../../workflows/org/unit-kinds.js';
import { PageQueryDto } from '../../common/pagination/page.dto.js';

export class UnitListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: UNIT_KIND_NAMES, description: 'Only units of this kind' })
  @IsOptional()
  @IsIn(UNIT_KIND_NAMES)
  kind?: UnitKind;
}
