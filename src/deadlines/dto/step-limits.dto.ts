import { ApiProperty } from '@nestjs/swagger';
import { LabelDto } from '../../common/errors/api-error.dto.js';

export class LimitSourceDto {
  @ApiProperty({ enum: ['unit', 'ancestor', 'procedure', 'none'], description: 'Where the limit in force comes from: this unit, the nearest unit above it, the statechart default, or nowhere' })
  kind!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  unitId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '北坦街道' })
  unitName!: string | null;
}

export class StepLimitDto {
  @ApiProperty({ example: 'five-step' })
  procedureId!: string;

  @ApiProperty({ description: 'State path in the statechart', example: 'research' })
  state!: string;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;

  @ApiProperty({ type: Number, nullable: true, description: 'The limit in force at this unit, in days; null: no limit', example: 10 })
  days!: number | null;

  @ApiProperty({ type: LimitSourceDto })
  source!: LimitSourceDto;

  @ApiProperty({ type: Number, nullable: true, description: 'What this unit itself configures (null: it inherits)' })
  configuredHere!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The statechart default (meta.deadline.defaultDays)' })
  defaultDays!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Who last set the limit in force (unit sources only)' })
  updatedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  updatedAt!: string | null;
}

export class ProcedureStepLimitsDto {
  @ApiProperty({ example: 'five-step' })
  id!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;

  @ApiProperty({ type: [StepLimitDto], description: 'Every step that can carry a limit (all but the final states), in statechart order' })
  steps!: StepLimitDto[];
}

export class StepLimitChangeDto {
  @ApiProperty({ example: 'five-step' })
  procedureId!: string;

  @ApiProperty({ example: 'research' })
  state!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'null: nothing was configured here before' })
  oldDays!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'null: the configuration was removed (back to inheritance)' })
  newDays!: number | null;

  @ApiProperty({ format: 'uuid' })
  changedBy!: string;

  @ApiProperty()
  changedAt!: string;
}

export class UnitRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '翡翠郡社区' })
  name!: string;
}

export class UnitStepLimitsDto {
  @ApiProperty({ type: UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ type: [ProcedureStepLimitsDto], description: 'The procedures that may run at this unit or below it' })
  procedures!: ProcedureStepLimitsDto[];

  @ApiProperty({ type: [StepLimitChangeDto], description: 'Changes made at this unit, newest first (at most 100)' })
  changes!: StepLimitChangeDto[];
}
