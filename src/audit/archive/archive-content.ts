import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';
import type { CaseRecord } from '../../cases/case-record.js';
import type { CasesService } from '../../cases/cases.service.js';
import { rawQuery } from '../../database/raw-query.js';
import type { BodiesService } from '../../meetings/bodies.service.js';
import type { MeetingRecordDto } from '../../meetings/dto/meeting.dto.js';
import { renderMeetingRecord } from '../../meetings/meeting-record.html.js';
import { MeetingsService } from '../../meetings/meetings.service.js';
import type { StaffNoticeDto } from '../../notices/dto/notice.dto.js';
import { renderNoticePage } from '../../notices/notice-page.html.js';
import { fromNoticeRow, NOTICE_COLUMNS, OBJECTION_COLUMNS, type NoticeRow, type ObjectionRow } from '../../notices/notice-row.js';
import { NoticesService } from '../../notices/notices.service.js';
import { noticePagePath } from '../../notices/public-links.js';
import type { AppConfig } from '../../config/app-config.js';
import type { Clock } from '../../timers/clock.js';
import type { AuditEntry } from '../audit-entry.js';
import type { ZipFile } from './zip.js';

/** An objection as the archive keeps it: everything but the objector's contact. */
export interface ArchivedObjection {
  readonly id: string;
  readonly noticeId: string;
  readonly name: string;
  readonly text: string;
  readonly status: string;
  readonly filedAt: string;
  readonly filedSeq: number;
  readonly answerReason: string | null;
  readonly answeredBy: string | null;
  readonly answeredAt: string | null;
  /** The hash of the audit entry that answered it (objection.uphold / objection.dismiss). */
  readonly answerHash: string | null;
}

/** The archive's files beside the trail, and how much each can be checked (see docs/audit-format.md). */
export type FileIntegrity = 'audit-log' | 'checked' | 'convenience';

export interface ContentFile extends ZipFile {
  readonly integrity: FileIntegrity;
}

const ARCHIVE_ACTOR = { personId: 'archive', username: 'archive', roles: [] };

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/**
 * A case's meeting records (JSON and the A4 page), notices (JSON and the A4 page) and objections
 * (without contacts), read and rendered by the meetings and notices modules' own code, so the
 * archive shows exactly what their routes show. The services are built here around the one case
 * already read (read-only use: only their reading paths are called).
 */
export const caseContentFiles = async (
  dataSource: DataSource,
  record: CaseRecord,
  entries: readonly AuditEntry[],
  now: string,
  prefix: string,
  config: AppConfig,
): Promise<ContentFile[]> => {
  const files: ContentFile[] = [];
  const oneCase = { getVisible: () => Promise.resolve(record) } as unknown as CasesService;
  const clock: Pick<Clock, 'now' | 'nowIso'> = { now: () => new Date(now), nowIso: () => now };
  const meetings = new MeetingsService(dataSource, oneCase, undefined as unknown as BodiesService, clock);
  // in the order of the trail: the entry that convened each meeting
  const rows = await rawQuery<{ id: string }>(dataSource, 'SELECT id FROM meetings WHERE case_id = $1', [record.id]);
  const convened = (id: string) =>
    entries.find((e) => e.eventType === 'meeting.convened' && (e.payload as { meetingId?: unknown } | null)?.meetingId === id)?.globalSeq ?? Number.MAX_SAFE_INTEGER;
  for (const { id } of rows.sort((a, b) => convened(a.id) - convened(b.id) || a.id.localeCompare(b.id))) {
    const meeting: MeetingRecordDto = await meetings.record(ARCHIVE_ACTOR, id);
    files.push({ name: `${prefix}meetings/${id}.json`, data: json(meeting), integrity: 'checked' });
    files.push({ name: `${prefix}meetings/${id}.html`, data: Buffer.from(renderMeetingRecord(meeting), 'utf8'), integrity: 'convenience' });
  }

  const notices = new NoticesService(dataSource, undefined as never, oneCase, undefined as never, clock, config);
  const noticeRows = (await rawQuery<NoticeRow>(dataSource, `SELECT ${NOTICE_COLUMNS} FROM notices WHERE case_id = $1 ORDER BY published_seq`, [record.id])).map(fromNoticeRow);
  const publics = await notices.toPublic(noticeRows);
  for (const [i, dto] of publics.entries()) {
    const n = noticeRows[i] as (typeof noticeRows)[number];
    const staff: StaffNoticeDto = { ...dto, caseId: n.caseId, statePath: n.statePath, publishedSeq: n.publishedSeq, closedHash: n.closedHash };
    // the page's address on MINYI_PUBLIC_BASE_URL, else relative: an archive has no request to take a host from
    const url = `${config.publicBaseUrl ?? ''}${noticePagePath(n.id)}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    files.push({ name: `${prefix}notices/${n.id}.json`, data: json(staff), integrity: 'checked' });
    files.push({ name: `${prefix}notices/${n.id}.html`, data: Buffer.from(renderNoticePage(dto, { url, qrSvg }), 'utf8'), integrity: 'convenience' });
  }

  const objections = await rawQuery<ObjectionRow>(dataSource, `SELECT ${OBJECTION_COLUMNS} FROM objections WHERE case_id = $1 ORDER BY filed_seq, id`, [record.id]);
  if (objections.length > 0) {
    const archived: ArchivedObjection[] = objections.map((o) => ({
      id: o.id,
      noticeId: o.notice_id,
      name: o.name,
      text: o.text,
      status: o.status,
      filedAt: o.filed_at,
      filedSeq: Number(o.filed_seq),
      answerReason: o.answer_reason,
      answeredBy: o.answered_by,
      answeredAt: o.answered_at,
      answerHash: o.answer_hash,
    }));
    files.push({ name: `${prefix}objections.json`, data: json(archived), integrity: 'checked' });
  }
  return files;
};
