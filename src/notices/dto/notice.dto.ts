import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LabelDto } from '../../common/errors/api-error.dto.js';
import { PageMetaDto } from '../../common/pagination/page.dto.js';

export class NoticeTextDto {
  @ApiProperty({ type: LabelDto })
  label!: LabelDto;

  @ApiProperty()
  text!: string;
}

export class NoticeDecisionDto {
  @ApiProperty({ type: LabelDto, description: 'The step that published the notice' })
  event!: LabelDto;

  @ApiProperty()
  at!: string;

  @ApiProperty({ type: [NoticeTextDto] })
  texts!: NoticeTextDto[];
}

export class NoticeMeetingFiguresDto {
  @ApiProperty({ nullable: true, type: Number, description: '应到' }) expected!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '实到' }) present!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '回避' }) recused!: number | null;
  @ApiProperty({ nullable: true, type: Number }) for!: number | null;
  @ApiProperty({ nullable: true, type: Number }) against!: number | null;
  @ApiProperty({ nullable: true, type: Number }) abstain!: number | null;
}

export class NoticeMeetingDto {
  @ApiProperty({ example: 'resident_council' })
  body!: string;

  @ApiProperty({ type: LabelDto })
  bodyLabel!: LabelDto;

  @ApiProperty()
  quorumMet!: boolean;

  @ApiProperty()
  passed!: boolean;

  @ApiProperty({ type: NoticeMeetingFiguresDto, nullable: true })
  figures!: NoticeMeetingFiguresDto | null;
}

export class NoticeBodyDto {
  @ApiProperty({ type: LabelDto })
  procedure!: LabelDto;

  @ApiProperty({ type: LabelDto })
  step!: LabelDto;

  @ApiProperty({ type: LabelDto })
  kind!: LabelDto;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: NoticeDecisionDto })
  decision!: NoticeDecisionDto;

  @ApiProperty({ type: NoticeMeetingDto, nullable: true })
  meeting!: NoticeMeetingDto | null;
}

export class NoticeUnitDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '翡翠郡社区' })
  name!: string;
}

export class ObjectionCountsDto {
  @ApiProperty() filed!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() upheld!: number;
  @ApiProperty() dismissed!: number;
  @ApiProperty() lapsed!: number;
}

export class NoticeLinksDto {
  @ApiProperty({ example: '/public/notices/…' })
  page!: string;

  @ApiProperty({ example: '/api/public/notices/…/objection-form' })
  objectionForm!: string;
}

/** A notice as the public board shows it: no person's id or contact. */
export class PublicNoticeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['consultation_outcome', 'resolution', 'implementation_result'] })
  kind!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: NoticeBodyDto })
  body!: NoticeBodyDto;

  @ApiProperty({ type: NoticeUnitDto })
  unit!: NoticeUnitDto;

  @ApiProperty({ enum: ['running', 'ended', 'withdrawn'], description: 'running: objections may be filed until endsAt' })
  status!: string;

  @ApiProperty()
  startsAt!: string;

  @ApiProperty({ description: 'End of the period (after any extension)' })
  endsAt!: string;

  @ApiProperty()
  originalEndsAt!: string;

  @ApiProperty({ description: 'Days added by audited extensions' })
  extendedDays!: number;

  @ApiProperty({ nullable: true, type: String, description: 'When the case left the notice (ended or withdrawn)' })
  closedAt!: string | null;

  @ApiProperty({ description: 'Hash of the audit entry of the step that published the notice (verification)' })
  verificationHash!: string;

  @ApiProperty({ type: ObjectionCountsDto })
  objections!: ObjectionCountsDto;

  @ApiProperty({ type: NoticeLinksDto })
  links!: NoticeLinksDto;
}

export class PublicNoticePageDto extends PageMetaDto {
  @ApiProperty({ type: NoticeUnitDto })
  unit!: NoticeUnitDto;

  @ApiProperty({ type: [PublicNoticeDto] })
  items!: PublicNoticeDto[];
}

/** A notice for staff: the public view plus its case and audit links. */
export class StaffNoticeDto extends PublicNoticeDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ example: 'publicNotice' })
  statePath!: string;

  @ApiProperty({ description: 'Global audit sequence of the publishing entry' })
  publishedSeq!: number;

  @ApiProperty({ nullable: true, type: String })
  closedHash!: string | null;
}

export class StaffNoticeListDto {
  @ApiProperty({ type: [StaffNoticeDto] })
  items!: StaffNoticeDto[];
}

export class ObjectionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  noticeId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'Staff only; never on the public board' })
  contact!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ enum: ['pending', 'upheld', 'dismissed', 'lapsed'] })
  status!: string;

  @ApiProperty()
  filedAt!: string;

  @ApiProperty({ description: 'Global audit sequence of its objection.filed entry' })
  filedSeq!: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  answerReason!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  answeredBy!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  answeredAt!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Hash of the objection.filed audit entry (the objector\'s receipt)' })
  receiptHash!: string | null;

  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'Whether the stored text equals the text in the objection.filed audit entry; null for objections filed before the text was chained',
  })
  textMatchesTrail!: boolean | null;

  @ApiProperty({ nullable: true, type: String, description: 'The text as the audit trail records it, given only when it differs from the stored text (the row was altered)' })
  trailText!: string | null;
}

export class ObjectionListDto {
  @ApiProperty({ type: [ObjectionDto] })
  items!: ObjectionDto[];
}

export class ObjectionFormDto {
  @ApiProperty({ description: 'Send back as formToken; valid from notBefore to expiresAt, once' })
  formToken!: string;

  @ApiProperty()
  notBefore!: string;

  @ApiProperty()
  expiresAt!: string;

  @ApiProperty({ example: 'website', description: 'A field people never see and must leave empty' })
  honeypotField!: string;

  @ApiProperty({ example: { name: 100, contact: 200, text: 2000 } })
  maxLength!: Record<string, number>;
}

export class ObjectionReceiptDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  noticeId!: string;

  @ApiProperty({ enum: ['pending'] })
  status!: string;

  @ApiProperty()
  filedAt!: string;

  @ApiProperty({ description: 'Hash of the audit entry that recorded the objection: keep it as proof of filing' })
  receiptHash!: string;
}
