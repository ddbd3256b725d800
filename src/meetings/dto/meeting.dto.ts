import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LabelDto } from '../../common/errors/api-error.dto.js';
import { CompositionDto, RuleDto } from './body.dto.js';

export class MeetingMemberDto {
  @ApiProperty({ format: 'uuid' })
  personId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'villager_representative', description: 'The role that made them a member when the roster froze' })
  membership!: string;

  @ApiProperty({ enum: ['unrecorded', 'present', 'absent', 'on_leave'] })
  attendance!: string;

  @ApiProperty()
  signed!: boolean;

  @ApiProperty()
  recused!: boolean;

  @ApiProperty({ type: String, nullable: true })
  recusalReason!: string | null;

  @ApiPropertyOptional({ enum: ['for', 'against', 'abstain'], nullable: true, description: 'Named ballots only' })
  choice?: string | null;

  @ApiPropertyOptional({ description: 'Secret ballots: this member has voted (never how)' })
  voted?: boolean;
}

export class VoteCountsDto {
  @ApiProperty()
  for!: number;

  @ApiProperty()
  against!: number;

  @ApiProperty()
  abstain!: number;
}

export class MeetingFiguresDto {
  @ApiProperty({ type: Number, nullable: true, description: '应到: roster (frozen at opening), adult population, or parties required' })
  expected!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '实到: present and counted (recused members not counted)' })
  present!: number | null;

  @ApiProperty({ description: '回避' })
  recused!: number;

  @ApiProperty({ type: Number, nullable: true })
  households!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  householdsRepresented!: number | null;

  @ApiProperty({ type: [String], nullable: true })
  partiesRepresented!: string[] | null;

  @ApiProperty({ description: 'Ballots cast so far (named or secret)' })
  ballotsCast!: number;

  @ApiProperty({ type: VoteCountsDto, nullable: true, description: 'Named ballots and tallies while voting; secret totals only once closed' })
  votes!: VoteCountsDto | null;
}

export class MeetingCorrectionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  correction!: string;

  @ApiProperty({ format: 'uuid' })
  recordedBy!: string;

  @ApiProperty()
  recordedAt!: string;

  @ApiProperty({ description: 'The audit entry that records it' })
  globalSeq!: number;
}

export class MeetingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ format: 'uuid' })
  unitId!: string;

  @ApiProperty({ example: 'party_member_assembly' })
  body!: string;

  @ApiProperty({ type: LabelDto })
  bodyName!: LabelDto;

  @ApiProperty({ description: 'The case step it was convened for', example: 'reviewing' })
  step!: string;

  @ApiProperty({ enum: ['convened', 'open', 'voting', 'closed'] })
  status!: string;

  @ApiProperty({ enum: ['named', 'tally', 'secret'], nullable: true, type: String })
  votingMode!: string | null;

  @ApiProperty()
  scheduledAt!: string;

  @ApiProperty()
  noticeGivenAt!: string;

  @ApiProperty()
  place!: string;

  @ApiProperty()
  motion!: string;

  @ApiProperty({ type: String, nullable: true })
  chair!: string | null;

  @ApiProperty({ type: String, nullable: true })
  recorder!: string | null;

  @ApiProperty({ type: RuleDto, description: 'The rule in force when the meeting was convened' })
  rule!: RuleDto;

  @ApiProperty({ type: CompositionDto, nullable: true })
  composition!: CompositionDto | null;

  @ApiProperty({ type: MeetingFiguresDto })
  figures!: MeetingFiguresDto;

  @ApiProperty({ type: [MeetingMemberDto], description: 'The frozen roster with attendance (named bodies)' })
  members!: MeetingMemberDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Once closed: the rule’s result (figures, quorum, decision, passed, explanation); see docs/rules.md',
  })
  result!: Record<string, unknown> | null;

  @ApiProperty({ type: Boolean, nullable: true })
  passed!: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  closingNote!: string | null;

  @ApiProperty({ type: [MeetingCorrectionDto] })
  corrections!: MeetingCorrectionDto[];

  @ApiProperty({ format: 'uuid' })
  convenedBy!: string;

  @ApiProperty()
  convenedAt!: string;

  @ApiProperty({ type: String, nullable: true })
  openedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  votingAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  closedAt!: string | null;

  @ApiProperty()
  version!: number;
}

export class MeetingListDto {
  @ApiProperty({ type: [MeetingDto] })
  items!: MeetingDto[];
}

export class MeetingRecordDto extends MeetingDto {
  @ApiProperty({ description: 'Case title' })
  caseTitle!: string;

  @ApiProperty({ description: 'Procedure id' })
  procedure!: string;

  @ApiProperty({ description: 'Unit name' })
  unitName!: string;

  @ApiProperty({ description: 'Ratio 实到/应到, e.g. 31/45' })
  ratio!: string;

  @ApiProperty({ type: [Number], description: 'Global sequence numbers of the audit entries about this meeting' })
  auditEntries!: number[];
}
