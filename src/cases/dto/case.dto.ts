import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LabelDto } from '../../common/errors/api-error.dto.js';

export { LabelDto };

export class CaseProcedureRefDto {
  @ApiProperty({ example: 'five-step' })
  id!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;
}

export class CaseStateDto {
  @ApiProperty({ description: 'XState state value', oneOf: [{ type: 'string' }, { type: 'object' }], example: { publicNotice: 'running' } })
  value!: unknown;

  @ApiProperty({ description: 'Dotted path of the deepest active state', example: 'publicNotice.running' })
  path!: string;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;
}

export class AllowedEventDto {
  @ApiProperty({ example: 'topic.accept' })
  type!: string;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;

  @ApiProperty({
    description: 'The payload fields, as declared by the procedure: type, zh/en label, limits, optional',
    type: 'object',
    additionalProperties: true,
    example: { reason: { type: 'text', label: { zh: '理由', en: 'Reason' }, maxLength: 2000 } },
  })
  payload!: Record<string, unknown>;
}

export class TimelineActorDto {
  @ApiProperty({ enum: ['person', 'system'] })
  kind!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  personId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'council_clerk' })
  role!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  unitId!: string | null;

  @ApiProperty({ enum: ['role', 'submitter', 'system'] })
  as!: string;
}

export class TimelineItemDto {
  @ApiProperty({ example: 3 })
  caseSeq!: number;

  @ApiProperty({ example: '2026-01-05T08:00:00.000Z' })
  at!: string;

  @ApiProperty({ enum: ['case.created', 'case.event', 'timer.discarded', 'record'] })
  kind!: string;

  @ApiProperty({ example: 'research.complete' })
  eventType!: string;

  @ApiProperty({ type: LabelDto })
  label!: LabelDto;

  @ApiProperty({ type: TimelineActorDto })
  actor!: TimelineActorDto;
}

/** A running step deadline (办理时限) of a case: src/deadlines, docs/deadlines.md. */
export class CaseDeadlineDto {
  @ApiProperty({ description: 'The step (state path) the limit is on', example: 'research' })
  state!: string;

  @ApiProperty({ type: LabelDto, description: 'The step, as the statechart names it' })
  label!: LabelDto;

  @ApiProperty({ description: 'The limit in force when the case entered the step, in days', example: 10 })
  limitDays!: number;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The unit whose configuration set the limit; null: the procedure default' })
  limitUnitId!: string | null;

  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' })
  enteredAt!: string;

  @ApiProperty({ description: 'Entry time plus the limit (whole days of 24 hours)', example: '2026-01-11T00:00:00.000Z' })
  dueAt!: string;

  @ApiProperty({ description: 'The due time has come (overdue from that moment on)' })
  overdue!: boolean;

  @ApiProperty({ description: 'Whole days past the due time; 0 when not overdue or on the day it fell due', example: 0 })
  daysOverdue!: number;

  @ApiProperty({ type: String, nullable: true, description: 'When the engine recorded the limit as reached (audit entry `deadline.reached`)' })
  reachedAt!: string | null;
}

export class CaseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '引入专业机构运营日间照料中心' })
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: CaseProcedureRefDto })
  procedure!: CaseProcedureRefDto;

  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  submitterId!: string | null;

  @ApiProperty({ type: CaseStateDto })
  state!: CaseStateDto;

  @ApiProperty({ enum: ['open', 'closed'] })
  status!: string;

  @ApiProperty({ type: String, nullable: true, enum: ['completed', 'rejected', 'withdrawn', 'stopped'] })
  outcome!: string | null;

  @ApiProperty({ description: 'Concurrency token; send it back quoted in If-Match', example: 4 })
  version!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The procedure configuration in force for this case' })
  config!: Record<string, unknown>;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty()
  updatedAt!: string;

  @ApiProperty({ type: [AllowedEventDto], description: 'What the caller may send now' })
  allowedEvents!: AllowedEventDto[];

  @ApiProperty({ description: 'A step the case is in has passed its time limit (docs/deadlines.md)' })
  overdue!: boolean;

  @ApiProperty({ type: CaseDeadlineDto, nullable: true, description: 'The most pressing running step deadline (earliest due); null when no limit applies' })
  deadline!: CaseDeadlineDto | null;

  @ApiPropertyOptional({ type: [TimelineItemDto], description: 'The latest audit entries, newest last (GET only)' })
  timeline?: TimelineItemDto[];
}

export class ReceiptDto {
  @ApiProperty({ example: 5 })
  caseSeq!: number;

  @ApiProperty({ example: 1042 })
  globalSeq!: number;

  @ApiProperty({ description: 'SHA-256 of the audit entry (hex)' })
  hash!: string;
}

export class EventResultDto {
  @ApiProperty({ type: CaseDto })
  case!: CaseDto;

  @ApiProperty({ type: ReceiptDto })
  receipt!: ReceiptDto;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] })
  items!: CaseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last page' })
  nextCursor!: string | null;
}
