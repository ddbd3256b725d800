import { ApiProperty } from '@nestjs/swagger';
import { COMMUNITY_TYPE_NAMES, UNIT_KIND_NAMES, type CommunityType, type UnitKind } from '../../../workflows/org/unit-kinds.js';
import { PageMetaDto } from '../../common/pagination/page.dto.js';

export class UnitDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '翡翠郡社区' })
  name!: string;

  @ApiProperty({ enum: UNIT_KIND_NAMES, example: 'community' })
  kind!: UnitKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for a root (district)' })
  parentId!: string | null;

  @ApiProperty({ example: 3200 })
  households!: number;

  @ApiProperty({ example: 7600 })
  adultPopulation!: number;

  @ApiProperty({ enum: COMMUNITY_TYPE_NAMES, nullable: true, example: 'open', description: 'Set for communities only' })
  communityType!: CommunityType | null;
}

export class UnitPageDto extends PageMetaDto {
  @ApiProperty({ type: [UnitDto] })
  items!: UnitDto[];
}
