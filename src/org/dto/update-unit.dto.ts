import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { COMMUNITY_TYPE_NAMES, type CommunityType } from '../../../workflows/org/unit-kinds.js';
import { OptionalNotNull } from '../../common/validation/optional-not-null.decorator.js';
import { Trim } from '../../common/validation/trim.transform.js';
import { MAX_COUNT } from './create-unit.dto.js';

/** Kind and parent never change: cases and the audit trail keep pointing at the unit where it stands. */
export class UpdateUnitDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_COUNT })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  households?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_COUNT })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  adultPopulation?: number;

  @ApiPropertyOptional({ enum: COMMUNITY_TYPE_NAMES, description: 'Communities only' })
  @OptionalNotNull()
  @IsIn(COMMUNITY_TYPE_NAMES)
  communityType?: CommunityType;
}
