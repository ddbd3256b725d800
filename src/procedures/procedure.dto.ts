import { ApiProperty } from '@nestjs/swagger';
import { LabelDto } from '../cases/dto/case.dto.js';

export class AppliesToDto {
  @ApiProperty({ type: [String], example: ['community', 'grid', 'building'] })
  unitKinds!: string[];

  @ApiProperty({ type: [String], example: ['open'], description: "village, or a community's type" })
  settings!: string[];
}

export class ProcedureSummaryDto {
  @ApiProperty({ example: 'five-step' })
  id!: string;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;

  @ApiProperty({ type: LabelDto })
  description!: LabelDto;

  @ApiProperty({ example: 1 })
  latestVersion!: number;

  @ApiProperty({ type: [Number], example: [1] })
  versions!: number[];

  @ApiProperty({ type: AppliesToDto })
  appliesTo!: AppliesToDto;
}

export class ProcedureDetailDto {
  @ApiProperty({ example: 'five-step' })
  id!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ type: [Number] })
  versions!: number[];

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;

  @ApiProperty({ type: LabelDto })
  description!: LabelDto;

  @ApiProperty({ type: [LabelDto] })
  legalBasis!: LabelDto[];

  @ApiProperty({ type: AppliesToDto })
  appliesTo!: AppliesToDto;

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'path, parent, label, description, final, initial, meeting bodies, notice kind, outcome' })
  states!: unknown[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'type, label, description, senders, systemOnly, payload declaration, payloadSchema (JSON Schema)' })
  events!: unknown[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'from, event, to, guard, guardLabel' })
  transitions!: unknown[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'fields, JSON schema and defaults of the case configuration' })
  config!: unknown;
}

export class DiagramDto {
  @ApiProperty({ example: 'five-step' })
  procedure!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ enum: ['mermaid'] })
  format!: string;

  @ApiProperty({ type: [String], description: 'The highlighted state paths (a case’s current state)' })
  highlighted!: string[];

  @ApiProperty({ description: 'Mermaid stateDiagram-v2 source' })
  mermaid!: string;
}
