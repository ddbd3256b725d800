import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LabelDto } from '../../common/errors/api-error.dto.js';

export class RuleDto {
  @ApiProperty({ example: 'villagers-committees-law.art-26' })
  id!: string;

  @ApiProperty({ type: LabelDto })
  name!: LabelDto;

  @ApiProperty({ enum: ['statutory', 'configuration'], description: 'statutory (law or party regulation) or local configuration' })
  source!: string;

  @ApiProperty({ type: LabelDto, description: '《村民委员会组织法》第二十六条 …, or 本地配置' })
  citation!: LabelDto;

  @ApiProperty({ type: LabelDto })
  description!: LabelDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The configuration in force (configured bodies only)' })
  config?: Record<string, unknown>;
}

export class CompositionWarningDto {
  @ApiProperty({ enum: ['representatives_below_four_fifths', 'women_below_one_third'] })
  code!: string;

  @ApiProperty()
  actual!: number;

  @ApiProperty()
  required!: number;

  @ApiProperty({ type: LabelDto })
  message!: LabelDto;
}

export class CompositionDto {
  @ApiProperty()
  members!: number;

  @ApiProperty()
  representatives!: number;

  @ApiProperty()
  committeeMembers!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null: not entered in the body settings' })
  women!: number | null;

  @ApiProperty({ type: [CompositionWarningDto], description: 'Art. 25: warnings for the record, never a block' })
  warnings!: CompositionWarningDto[];
}

export class BodyDto {
  @ApiProperty({ example: 'villager_representative_meeting' })
  type!: string;

  @ApiProperty({ type: LabelDto })
  name!: LabelDto;

  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty({ type: RuleDto })
  rule!: RuleDto;

  @ApiProperty({ enum: ['named', 'counts', 'parties'], description: 'How attendance is taken' })
  attendance!: string;

  @ApiProperty({ type: [String], description: 'Roles at the unit that make a person a member' })
  memberRoles!: string[];

  @ApiProperty({ type: [String], description: 'Roles (at the unit or above) that convene and record its meetings' })
  conveners!: string[];

  @ApiProperty({ type: Number, nullable: true, description: 'Members now (named bodies); frozen per meeting when it opens' })
  rosterSize!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Adult population (assemblies)' })
  adults!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Households (assemblies)' })
  households!: number | null;

  @ApiProperty({ description: 'Days of notice a meeting needs' })
  noticeDays!: number;

  @ApiProperty()
  secretBallotOnly!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  womenRepresentatives!: number | null;

  @ApiProperty({ type: CompositionDto, nullable: true, description: 'Villager-representative meeting only' })
  composition!: CompositionDto | null;
}
