import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { COMMUNITY_TYPE_NAMES, UNIT_KIND_NAMES, type CommunityType, type UnitKind } from '../../../workflows/org/unit-kinds.js';
import { Trim } from '../../common/validation/trim.transform.js';

export const MAX_COUNT = 10_000_000;

export class CreateUnitDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: '翡翠郡社区' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: UNIT_KIND_NAMES })
  @IsIn(UNIT_KIND_NAMES)
  kind!: UnitKind;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Omit or null for a root unit (a district)' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiProperty({ minimum: 0, maximum: MAX_COUNT, example: 3200 })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  households!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_COUNT, example: 7600, description: 'Residents aged 18 or over (quorum bases)' })
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  adultPopulation!: number;

  @ApiPropertyOptional({ enum: COMMUNITY_TYPE_NAMES, nullable: true, description: 'Required for a community, absent otherwise' })
  @IsOptional()
  @IsIn(COMMUNITY_TYPE_NAMES)
  communityType?: CommunityType | null;
}
