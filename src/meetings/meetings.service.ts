import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { meetingClosedEvent } from '../../workflows/core/meeting-event.js';
import { BODY_TYPES, FIVE_PARTY_NAMES, type BodyType, type FiveParty } from '../../workflows/rules/body-types.js';
import type { VoteCounts } from '../../workflows/rules/meeting-rule.types.js';
import type { Actor, ActorRole } from '../auth/actor.js';
import type { AuditActor } from '../audit/audit-entry.js';
import { snapshotOf } from '../cases/case-engine.js';
import { CaseError, CaseErrorCode } from '../cases/case-error.js';
import type { CaseRecord } from '../cases/case-record.js';
import type { ExtraWrite } from '../cases/case-writer.js';
import { CasesService } from '../cases/cases.service.js';
import { rawQuery } from '../database/raw-query.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { UnitEntity } from '../org/unit.entity.js';
import { Clock } from '../timers/clock.js';
import { BODY_DEFINITIONS, noticeDaysOf } from './bodies.js';
import { BodiesService } from './bodies.service.js';
import type { AttendanceDto } from './dto/attendance.dto.js';
import type { BallotDto } from './dto/ballot.dto.js';
import type { CloseMeetingDto } from './dto/close-meeting.dto.js';
import type { ConveneMeetingDto } from './dto/convene-meeting.dto.js';
import type { CorrectionDto } from './dto/correction.dto.js';
import type { MeetingDto, MeetingListDto, MeetingRecordDto } from './dto/meeting.dto.js';
import type { OpenMeetingDto } from './dto/open-meeting.dto.js';
import type { RecusalDto } from './dto/recusal.dto.js';
import type { StartVotingDto } from './dto/start-voting.dto.js';
import type { TallyDto } from './dto/tally.dto.js';
import { bodiesOfStep, countMembers, decide, ruleInputOf } from './meeting-figures.js';
import { MeetingError, MeetingErrorCode } from './meeting-error.js';
import { toMeetingDto, type MeetingView } from './meeting.mapper.js';
import {
  fromMeetingRow,
  fromMemberRow,
  MEETING_COLUMNS,
  type Meeting,
  type MeetingMember,
  type MeetingMemberRow,
  type MeetingRow,
  type MeetingStatus,
} from './meeting-row.js';

const DAY_MS = 86_400_000;
/** A meeting with a notice period may open at most this early (the hall fills before the hour). */
const EARLY_OPENING_MS = 3_600_000;

const personActor = (personId: string, role: { role: string; unitId: string | null }): AuditActor => ({
  kind: 'person',
  personId,
  role: role.role,
  unitId: role.unitId,
  as: 'role',
});

const countOrRefuse = (field: string, value: number | undefined): void => {
  if (value !== undefined && value < 0) throw new MeetingError(MeetingErrorCode.NegativeCount, { field });
};

/**
 * Meetings of the bodies a case's step declares: convening, opening (the roster freezes),
 * attendance, recusals, votes, and closing with the body's legal rule. Every change is one audit
 * entry in the case's chain written in the same transaction as the meeting's rows (the case
 * writer's `extra`); a refusal writes nothing.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly bodies: BodiesService,
    private readonly clock: Clock,
  ) {}

  private get bool() {
    return this.dataSource.options.type === 'postgres' ? (v: boolean) => v : (v: boolean) => (v ? 1 : 0);
  }

  // ---- reading -------------------------------------------------------------------------------

  private async findMeeting(id: string): Promise<Meeting | undefined> {
    const [row] = await rawQuery<MeetingRow>(this.dataSource, `SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = $1`, [id]);
    return row ? fromMeetingRow(row) : undefined;
  }

  private async membersOf(meetingId: string): Promise<MeetingMember[]> {
    const rows = await rawQuery<MeetingMemberRow>(
      this.dataSource,
      `SELECT m.person_id, p.name, m.membership, m.attendance, m.signed, m.recused, m.recusal_reason
       FROM meeting_members m JOIN people p ON p.id = m.person_id WHERE m.meeting_id = $1 ORDER BY p.name, m.person_id`,
      [meetingId],
    );
    return rows.map(fromMemberRow);
  }

  /** A meeting and its case, if the actor may see the case; 404 otherwise. */
  private async visible(actor: Actor, id: string): Promise<{ meeting: Meeting; kase: CaseRecord }> {
    const meeting = await this.findMeeting(id);
    if (!meeting) throw new MeetingError(MeetingErrorCode.MeetingNotFound);
    try {
      return { meeting, kase: await this.cases.getVisible(actor, meeting.caseId) };
    } catch (error) {
      if (error instanceof CaseError && error.code === CaseErrorCode.CaseNotFound) throw new MeetingError(MeetingErrorCode.MeetingNotFound);
      throw error;
    }
  }

  private async view(meeting: Meeting): Promise<MeetingView> {
    const members = await this.membersOf(meeting.id);
    const named = await rawQuery<{ person_id: string; choice: string }>(this.dataSource, 'SELECT person_id, choice FROM meeting_ballots WHERE meeting_id = $1', [meeting.id]);
    const secretVoters = await rawQuery<{ person_id: string }>(this.dataSource, 'SELECT person_id FROM meeting_secret_voters WHERE meeting_id = $1', [meeting.id]);
    const corrections = await rawQuery<{ id: string; reason: string; details: string; recorded_by: string; recorded_at: string; global_seq: number | string }>(
      this.dataSource,
      'SELECT id, reason, details, recorded_by, recorded_at, global_seq FROM meeting_corrections WHERE meeting_id = $1 ORDER BY global_seq',
      [meeting.id],
    );
    return {
      meeting,
      members,
      namedBallots: new Map(named.map((b) => [b.person_id, b.choice])),
      secretVoters: new Set(secretVoters.map((v) => v.person_id)),
      corrections: corrections.map((c) => ({
        id: c.id,
        reason: c.reason,
        correction: (JSON.parse(c.details) as { correction: string }).correction,
        recordedBy: c.recorded_by,
        recordedAt: c.recorded_at,
        globalSeq: Number(c.global_seq),
      })),
    };
  }

  async get(actor: Actor, id: string): Promise<MeetingDto> {
    const { meeting } = await this.visible(actor, id);
    return toMeetingDto(await this.view(meeting));
  }

  async listOfCase(actor: Actor, caseId: string): Promise<MeetingListDto> {
    await this.cases.getVisible(actor, caseId);
    // In the order of the trail: the convening entries' sequence (clock times may be equal).
    const rows = await rawQuery<MeetingRow>(
      this.dataSource,
      `SELECT ${MEETING_COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')} FROM meetings m WHERE m.case_id = $1
       ORDER BY (SELECT MIN(a.global_seq) FROM audit_entries a WHERE a.case_id = m.case_id AND a.event_type = 'meeting.convened' AND a.payload LIKE '%' || m.id || '%'), m.id`,
      [caseId],
    );
    return { items: await Promise.all(rows.map(async (row) => toMeetingDto(await this.view(fromMeetingRow(row))))) };
  }

  async record(actor: Actor, id: string): Promise<MeetingRecordDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const dto = toMeetingDto(await this.view(meeting));
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: meeting.unitId });
    const entries = await rawQuery<{ global_seq: number | string }>(
      this.dataSource,
      'SELECT global_seq FROM audit_entries WHERE case_id = $1 AND payload LIKE $2 ORDER BY global_seq',
      [meeting.caseId, `%${meeting.id}%`],
    );
    const ratio = meeting.result?.figures.ratio ?? `${dto.figures.present ?? 0}/${dto.figures.expected ?? 0}`;
    return {
      ...dto,
      caseTitle: kase.title,
      procedure: kase.procedureId,
      unitName: unit?.name ?? '',
      ratio,
      auditEntries: entries.map((e) => Number(e.global_seq)),
    };
  }

  // ---- who may act ---------------------------------------------------------------------------

  /** The nearest convener role the actor holds over the case's unit, or 403. */
  private convener(actor: Actor, body: BodyType, kase: CaseRecord): ActorRole {
    const role = actor.roles
      .filter((r) => (BODY_DEFINITIONS[body].conveners as readonly string[]).includes(r.role) && r.unitPath !== null && kase.unitPath.startsWith(r.unitPath))
      .sort((a, b) => (b.unitPath?.length ?? 0) - (a.unitPath?.length ?? 0))[0];
    if (!role) throw new MeetingError(MeetingErrorCode.MeetingForbidden);
    return role;
  }

  /** The guard every change carries: the meeting is still in `status` when the transaction writes. */
  private stillIn(meeting: Meeting, status: MeetingStatus, code: MeetingErrorCode): ExtraWrite {
    return {
      sql: 'UPDATE meetings SET version = version + 1 WHERE id = $1 AND status = $2',
      params: [meeting.id, status],
      expectChanges: 1,
      error: new MeetingError(code),
    };
  }

  private requireStatus(meeting: Meeting, status: MeetingStatus, code: MeetingErrorCode): void {
    if (meeting.status === 'closed') throw new MeetingError(MeetingErrorCode.MeetingClosed);
    if (meeting.status !== status) throw new MeetingError(code, { details: { status: meeting.status } });
  }

  // ---- convening and opening -----------------------------------------------------------------

  async convene(actor: Actor, caseId: string, dto: ConveneMeetingDto): Promise<MeetingDto> {
    const kase = await this.cases.getVisible(actor, caseId);
    const body = dto.body as BodyType;
    const role = this.convener(actor, body, kase);
    const declared = (record: CaseRecord) => record.status === 'open' && bodiesOfStep(snapshotOf(record)).includes(body);
    if (!declared(kase)) {
      throw new MeetingError(MeetingErrorCode.MeetingNotForThisStep, { field: 'body', details: { step: kase.state, bodies: bodiesOfStep(snapshotOf(kase)) } });
    }
    const now = this.clock.now();
    const noticeGivenAt = dto.noticeGivenAt === undefined ? now : new Date(dto.noticeGivenAt);
    if (noticeGivenAt.getTime() > now.getTime()) throw new MeetingError(MeetingErrorCode.NoticeInFuture, { field: 'noticeGivenAt' });
    const settings = await this.bodies.settingsOf(kase.unitId, body);
    const noticeDays = noticeDaysOf(body, settings);
    const scheduledAt = new Date(dto.scheduledAt);
    if (scheduledAt.getTime() - noticeGivenAt.getTime() < noticeDays * DAY_MS) {
      const citation = BODY_DEFINITIONS[body].statutoryNoticeDays >= noticeDays ? BODY_DEFINITIONS[body].noticeCitation : undefined;
      const rule = citation ?? { zh: `本单位配置的通知期：提前${noticeDays}天`, en: `the unit's configured notice: ${noticeDays} days` };
      throw new MeetingError(MeetingErrorCode.NoticeTooShort, {
        field: 'scheduledAt',
        text: {
          zh: `${BODY_TYPES[body].zh}须提前${noticeDays}天通知（${rule.zh}）。`,
          en: `A ${BODY_TYPES[body].en} needs ${noticeDays} days' notice (${rule.en}).`,
        },
        details: { noticeDays, rule },
      });
    }
    const definition = BODY_DEFINITIONS[body];
    const rule = this.bodies.ruleOf(body, settings);
    const unit = await this.dataSource.getRepository(UnitEntity).findOneByOrFail({ id: kase.unitId });
    const roster = await this.bodies.rosterOf(kase.unitId, body);
    if (definition.attendance === 'named' && roster.length === 0) throw new MeetingError(MeetingErrorCode.EmptyRoster, { field: 'body' });
    const composition = this.bodies.compositionOf(body, roster, settings);
    const expected =
      definition.attendance === 'named'
        ? roster.length
        : definition.attendance === 'counts'
          ? (dto.adults ?? unit.adultPopulation)
          : (rule.config as { quorum: { parties: readonly FiveParty[] } } | undefined)?.quorum.parties.length ?? FIVE_PARTY_NAMES.length;
    const households = definition.attendance === 'counts' ? (dto.households ?? unit.households) : null;
    const id = randomUUID();
    const at = now.toISOString();
    await this.cases.appendRecord(
      caseId,
      {
        eventType: 'meeting.convened',
        payload: {
          meetingId: id,
          body,
          scheduledAt: scheduledAt.toISOString(),
          noticeGivenAt: noticeGivenAt.toISOString(),
          place: dto.place,
          motion: dto.motion,
          ruleId: rule.id,
          ruleSource: rule.source,
          ...(rule.config ? { ruleConfig: rule.config } : {}),
          expected,
          ...(households !== null ? { households } : {}),
          ...(composition ? { compositionWarnings: composition.warnings.map((w) => w.code) } : {}),
        },
        actor: personActor(actor.personId, role),
      },
      (_plan, before) => {
        // Checked again inside the transaction: the case may have moved since it was read.
        if (!declared(before)) throw new MeetingError(MeetingErrorCode.MeetingNotForThisStep, { field: 'body' });
        return [
          {
            sql: `INSERT INTO meetings (${MEETING_COLUMNS}) VALUES (${MEETING_COLUMNS.split(', ').map((_, i) => `$${i + 1}`).join(', ')})`,
            params: [
              id, caseId, kase.unitId, body, before.state, 'convened', null, scheduledAt.toISOString(), noticeGivenAt.toISOString(), dto.place, dto.motion,
              null, null, JSON.stringify(rule), composition ? JSON.stringify(composition) : null, expected, households, null, null, null, null, null, null,
              null, null, 1, actor.personId, at, null, null, null,
            ],
          },
        ];
      },
    );
    return this.get(actor, id);
  }

  async open(actor: Actor, id: string, dto: OpenMeetingDto): Promise<MeetingDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const role = this.convener(actor, meeting.body, kase);
    this.requireStatus(meeting, 'convened', MeetingErrorCode.MeetingNotConvened);
    const now = this.clock.now();
    if (noticeDaysOf(meeting.body, await this.bodies.settingsOf(meeting.unitId, meeting.body)) > 0 && now.getTime() < Date.parse(meeting.scheduledAt) - EARLY_OPENING_MS) {
      throw new MeetingError(MeetingErrorCode.MeetingNotYetDue, { details: { scheduledAt: meeting.scheduledAt } });
    }
    const named = BODY_DEFINITIONS[meeting.body].attendance === 'named';
    // The roster freezes now: later role changes do not alter this meeting's base.
    const roster = named ? await this.bodies.rosterOf(meeting.unitId, meeting.body) : [];
    if (named && roster.length === 0) throw new MeetingError(MeetingErrorCode.EmptyRoster);
    const expected = named ? roster.length : meeting.expected;
    await this.cases.appendRecord(
      meeting.caseId,
      {
        eventType: 'meeting.opened',
        payload: {
          meetingId: id,
          expected,
          ...(named ? { roster: roster.map((m) => ({ personId: m.personId, membership: m.membership })) } : {}),
          ...(dto.chair !== undefined ? { chair: dto.chair } : {}),
          ...(dto.recorder !== undefined ? { recorder: dto.recorder } : {}),
        },
        actor: personActor(actor.personId, role),
      },
      () => [
        {
          sql: "UPDATE meetings SET status = 'open', version = version + 1, expected = $2, opened_at = $3, chair = $4, recorder = $5 WHERE id = $1 AND status = 'convened'",
          params: [id, expected, now.toISOString(), dto.chair ?? null, dto.recorder ?? null],
          expectChanges: 1,
          error: new MeetingError(MeetingErrorCode.MeetingNotConvened),
        },
        ...roster.map((m) => ({
          sql: "INSERT INTO meeting_members (meeting_id, person_id, membership, attendance, signed, recused, recusal_reason) VALUES ($1, $2, $3, 'unrecorded', $4, $4, NULL)",
          params: [id, m.personId, m.membership, this.bool(false)],
        })),
      ],
    );
    return this.get(actor, id);
  }

  // ---- attendance and recusal ----------------------------------------------------------------

  async attendance(actor: Actor, id: string, dto: AttendanceDto): Promise<MeetingDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const role = this.convener(actor, meeting.body, kase);
    this.requireStatus(meeting, 'open', MeetingErrorCode.MeetingNotOpen);
    const kind = BODY_DEFINITIONS[meeting.body].attendance;
    const given = { named: dto.entries !== undefined, counts: dto.present !== undefined || dto.householdsRepresented !== undefined, parties: dto.parties !== undefined };
    if (!given[kind] || Object.entries(given).some(([k, v]) => k !== kind && v)) {
      throw new MeetingError(MeetingErrorCode.WrongAttendanceKind, { details: { attendance: kind } });
    }
    const guard = this.stillIn(meeting, 'open', MeetingErrorCode.MeetingNotOpen);
    let payload: Record<string, unknown>;
    let writes: ExtraWrite[];
    if (kind === 'named') {
      const entries = dto.entries ?? [];
      const members = new Set((await this.membersOf(id)).map((m) => m.personId));
      const ids = entries.map((e) => e.personId.toLowerCase());
      if (new Set(ids).size !== ids.length) throw new MeetingError(MeetingErrorCode.DuplicateEntry, { field: 'entries' });
      const stranger = ids.findIndex((p) => !members.has(p));
      if (stranger >= 0) throw new MeetingError(MeetingErrorCode.NotAMember, { field: `entries.${stranger}.personId` });
      const changes = entries.map((e, i) => ({ personId: ids[i] as string, status: e.status, signed: e.status === 'present' && e.signed === true }));
      payload = { meetingId: id, changes };
      writes = changes.map((c) => ({
        sql: 'UPDATE meeting_members SET attendance = $3, signed = $4 WHERE meeting_id = $1 AND person_id = $2',
        params: [id, c.personId, c.status, this.bool(c.signed)],
        expectChanges: 1,
        error: new MeetingError(MeetingErrorCode.NotAMember),
      }));
    } else if (kind === 'counts') {
      countOrRefuse('present', dto.present);
      countOrRefuse('householdsRepresented', dto.householdsRepresented);
      const present = dto.present ?? meeting.presentCount ?? 0;
      const represented = dto.householdsRepresented ?? meeting.householdsRepresented;
      if (present > (meeting.expected ?? 0)) throw new MeetingError(MeetingErrorCode.AttendanceAboveRoster, { field: 'present', details: { expected: meeting.expected } });
      if (represented !== null && (represented > (meeting.households ?? 0) || represented > present)) {
        throw new MeetingError(MeetingErrorCode.AttendanceAboveRoster, { field: 'householdsRepresented', details: { households: meeting.households, present } });
      }
      payload = { meetingId: id, present, ...(represented !== null ? { householdsRepresented: represented } : {}) };
      writes = [{ sql: 'UPDATE meetings SET present_count = $2, households_represented = $3 WHERE id = $1', params: [id, present, represented] }];
    } else {
      const parties = dto.parties ?? [];
      if (new Set(parties).size !== parties.length) throw new MeetingError(MeetingErrorCode.DuplicateEntry, { field: 'parties' });
      payload = { meetingId: id, parties };
      writes = [{ sql: 'UPDATE meetings SET parties_represented = $2 WHERE id = $1', params: [id, JSON.stringify(parties)] }];
    }
    await this.cases.appendRecord(meeting.caseId, { eventType: 'meeting.attendance', payload, actor: personActor(actor.personId, role) }, () => [guard, ...writes]);
    return this.get(actor, id);
  }

  async recuse(actor: Actor, id: string, dto: RecusalDto): Promise<MeetingDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const role = this.convener(actor, meeting.body, kase);
    this.requireStatus(meeting, 'open', MeetingErrorCode.MeetingNotOpen);
    if (BODY_DEFINITIONS[meeting.body].attendance !== 'named') throw new MeetingError(MeetingErrorCode.WrongAttendanceKind);
    const personId = dto.personId.toLowerCase();
    const member = (await this.membersOf(id)).find((m) => m.personId === personId);
    if (!member) throw new MeetingError(MeetingErrorCode.NotAMember, { field: 'personId' });
    if (member.recused) throw new MeetingError(MeetingErrorCode.AlreadyRecused, { field: 'personId' });
    await this.cases.appendRecord(
      meeting.caseId,
      { eventType: 'meeting.recusal', payload: { meetingId: id, personId, reason: dto.reason }, actor: personActor(actor.personId, role) },
      () => [
        this.stillIn(meeting, 'open', MeetingErrorCode.MeetingNotOpen),
        {
          sql: 'UPDATE meeting_members SET recused = $3, recusal_reason = $4 WHERE meeting_id = $1 AND person_id = $2 AND recused = $5',
          params: [id, personId, this.bool(true), dto.reason, this.bool(false)],
          expectChanges: 1,
          error: new MeetingError(MeetingErrorCode.AlreadyRecused),
        },
      ],
    );
    return this.get(actor, id);
  }

  // ---- voting --------------------------------------------------------------------------------

  async startVoting(actor: Actor, id: string, dto: StartVotingDto): Promise<MeetingDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const role = this.convener(actor, meeting.body, kase);
    this.requireStatus(meeting, 'open', MeetingErrorCode.MeetingNotOpen);
    const kind = BODY_DEFINITIONS[meeting.body].attendance;
    // Without a register of persons (assemblies) or with one voice per party, only a tally is possible.
    if (kind !== 'named' && dto.mode !== 'tally') throw new MeetingError(MeetingErrorCode.WrongVotingMode, { field: 'mode' });
    const settings = await this.bodies.settingsOf(meeting.unitId, meeting.body);
    if (settings.secretBallotOnly === true && dto.mode !== 'secret') throw new MeetingError(MeetingErrorCode.SecretBallotRequired, { field: 'mode' });
    const members = kind === 'named' ? await this.membersOf(id) : [];
    const present = kind === 'named' ? countMembers(members).present : kind === 'counts' ? (meeting.presentCount ?? 0) : (meeting.partiesRepresented ?? []).length;
    await this.cases.appendRecord(
      meeting.caseId,
      { eventType: 'meeting.votingStarted', payload: { meetingId: id, mode: dto.mode, present }, actor: personActor(actor.personId, role) },
      () => [
        {
          sql: "UPDATE meetings SET status = 'voting', voting_mode = $2, voting_at = $3, version = version + 1 WHERE id = $1 AND status = 'open'",
          params: [id, dto.mode, this.clock.nowIso()],
          expectChanges: 1,
          error: new MeetingError(MeetingErrorCode.MeetingNotOpen),
        },
        ...(dto.mode === 'secret'
          ? [{ sql: 'INSERT INTO meeting_secret_counts (meeting_id, for_count, against_count, abstain_count) VALUES ($1, 0, 0, 0)', params: [id] }]
          : []),
      ],
    );
    return this.get(actor, id);
  }

  /**
   * One ballot. Named: the member, or the convener recording the roll call; the choice is in the
   * trail. Secret: only the member themself; the trail and the voters table say that they voted,
   * the choice only moves a counter (see docs/meetings.md, secret ballots).
   */
  async ballot(actor: Actor, id: string, dto: BallotDto): Promise<{ meetingId: string; personId: string; recorded: true }> {
    const { meeting, kase } = await this.visible(actor, id);
    this.requireStatus(meeting, 'voting', MeetingErrorCode.MeetingNotVoting);
    if (meeting.votingMode !== 'named' && meeting.votingMode !== 'secret') throw new MeetingError(MeetingErrorCode.WrongVotingMode, { details: { mode: meeting.votingMode } });
    const personId = (dto.personId ?? actor.personId).toLowerCase();
    const self = personId === actor.personId;
    if (meeting.votingMode === 'secret' && !self) throw new MeetingError(MeetingErrorCode.SecretBallotNotYours, { field: 'personId' });
    // Recording someone else's named ballot is the convener's job; a member casts their own.
    const convener = self ? undefined : this.convener(actor, meeting.body, kase);
    const member = (await this.membersOf(id)).find((m) => m.personId === personId);
    if (!member) throw new MeetingError(MeetingErrorCode.NotAMember, { field: 'personId' });
    const role = convener ?? { role: member.membership, unitId: meeting.unitId };
    if (member.recused) throw new MeetingError(MeetingErrorCode.VoterRecused, { field: 'personId' });
    if (member.attendance !== 'present') throw new MeetingError(MeetingErrorCode.VoterNotPresent, { field: 'personId' });
    const guard = this.stillIn(meeting, 'voting', MeetingErrorCode.MeetingNotVoting);
    const secret = meeting.votingMode === 'secret';
    const counter = { for: 'for_count', against: 'against_count', abstain: 'abstain_count' }[dto.choice];
    try {
      await this.cases.appendRecord(
        meeting.caseId,
        {
          eventType: secret ? 'meeting.secretBallot' : 'meeting.ballot',
          // Never the choice of a secret ballot: the trail is readable by every auditor.
          payload: secret ? { meetingId: id, personId } : { meetingId: id, personId, choice: dto.choice },
          actor: personActor(actor.personId, role),
        },
        () =>
          secret
            ? [
                guard,
                { sql: 'INSERT INTO meeting_secret_voters (meeting_id, person_id) VALUES ($1, $2)', params: [id, personId] },
                { sql: `UPDATE meeting_secret_counts SET ${counter} = ${counter} + 1 WHERE meeting_id = $1`, params: [id], expectChanges: 1 },
              ]
            : [guard, { sql: 'INSERT INTO meeting_ballots (meeting_id, person_id, choice) VALUES ($1, $2, $3)', params: [id, personId, dto.choice] }],
      );
    } catch (error) {
      // The unique key on (meeting, member) is what refuses a second ballot, also under concurrency.
      if (isUniqueViolation(error)) throw new MeetingError(MeetingErrorCode.AlreadyVoted, { field: 'personId' });
      throw error;
    }
    return { meetingId: id, personId, recorded: true };
  }

  async tally(actor: Actor, id: string, dto: TallyDto): Promise<MeetingDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const role = this.convener(actor, meeting.body, kase);
    this.requireStatus(meeting, 'voting', MeetingErrorCode.MeetingNotVoting);
    if (meeting.votingMode !== 'tally') throw new MeetingError(MeetingErrorCode.WrongVotingMode, { details: { mode: meeting.votingMode } });
    countOrRefuse('for', dto.for);
    countOrRefuse('against', dto.against);
    countOrRefuse('abstain', dto.abstain);
    const kind = BODY_DEFINITIONS[meeting.body].attendance;
    const present = kind === 'named' ? countMembers(await this.membersOf(id)).present : kind === 'counts' ? (meeting.presentCount ?? 0) : (meeting.partiesRepresented ?? []).length;
    if (dto.for + dto.against + dto.abstain > present) {
      throw new MeetingError(MeetingErrorCode.TallyExceedsAttendance, { details: { present, votes: dto.for + dto.against + dto.abstain } });
    }
    await this.cases.appendRecord(
      meeting.caseId,
      { eventType: 'meeting.tally', payload: { meetingId: id, for: dto.for, against: dto.against, abstain: dto.abstain }, actor: personActor(actor.personId, role) },
      () => [
        this.stillIn(meeting, 'voting', MeetingErrorCode.MeetingNotVoting),
        { sql: 'UPDATE meetings SET tally_for = $2, tally_against = $3, tally_abstain = $4 WHERE id = $1', params: [id, dto.for, dto.against, dto.abstain] },
      ],
    );
    return this.get(actor, id);
  }

  private async votesOf(meeting: Meeting): Promise<VoteCounts | undefined> {
    if (meeting.status !== 'voting') return undefined;
    switch (meeting.votingMode) {
      case 'tally':
        return meeting.tally ?? undefined;
      case 'named': {
        const rows = await rawQuery<{ choice: string; n: number | string }>(this.dataSource, 'SELECT choice, COUNT(*) AS n FROM meeting_ballots WHERE meeting_id = $1 GROUP BY choice', [meeting.id]);
        const n = (choice: string) => Number(rows.find((r) => r.choice === choice)?.n ?? 0);
        return { for: n('for'), against: n('against'), abstain: n('abstain') };
      }
      case 'secret': {
        const [row] = await rawQuery<{ for_count: number | string; against_count: number | string; abstain_count: number | string }>(
          this.dataSource,
          'SELECT for_count, against_count, abstain_count FROM meeting_secret_counts WHERE meeting_id = $1',
          [meeting.id],
        );
        return row ? { for: Number(row.for_count), against: Number(row.against_count), abstain: Number(row.abstain_count) } : undefined;
      }
      default:
        return undefined;
    }
  }

  // ---- closing and corrections ---------------------------------------------------------------

  /**
   * Applies the body's rule to the meeting as recorded and sends `meeting.closed` to the case in
   * the same transaction as the meeting's closing rows. If the case has meanwhile left the step,
   * the meeting is closed with a record entry instead and the case does not move.
   */
  async close(actor: Actor, id: string, dto: CloseMeetingDto): Promise<MeetingDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const role = this.convener(actor, meeting.body, kase);
    if (meeting.status === 'closed') throw new MeetingError(MeetingErrorCode.MeetingClosed);
    if (meeting.status === 'convened') throw new MeetingError(MeetingErrorCode.MeetingNotOpen);
    const members = await this.membersOf(id);
    const result = decide(ruleInputOf(meeting, members, await this.votesOf(meeting)));
    const now = this.clock.nowIso();
    const closeRow: ExtraWrite = {
      // The version pins the figures: a ballot that landed after they were read refuses the close.
      sql: "UPDATE meetings SET status = 'closed', result = $3, closed_at = $4, closing_note = $5, version = version + 1 WHERE id = $1 AND version = $2 AND status IN ('open', 'voting')",
      params: [id, meeting.version, JSON.stringify(result), now, dto.note ?? null],
      expectChanges: 1,
      error: new MeetingError(MeetingErrorCode.MeetingChanged),
    };
    const event = meetingClosedEvent(id, result);
    if (kase.status === 'open' && bodiesOfStep(snapshotOf(kase)).includes(meeting.body)) {
      await this.cases.sendSystemEvent(meeting.caseId, event.type, { ...event.payload }, [closeRow]);
    } else {
      await this.cases.appendRecord(
        meeting.caseId,
        { eventType: 'meeting.closedAfterStep', payload: { ...event.payload, step: meeting.step, caseState: kase.state }, actor: personActor(actor.personId, role) },
        () => [closeRow],
      );
    }
    return this.get(actor, id);
  }

  async correct(actor: Actor, id: string, dto: CorrectionDto): Promise<MeetingDto> {
    const { meeting, kase } = await this.visible(actor, id);
    const role = this.convener(actor, meeting.body, kase);
    if (meeting.status !== 'closed') throw new MeetingError(MeetingErrorCode.MeetingNotClosed);
    const correctionId = randomUUID();
    await this.cases.appendRecord(
      meeting.caseId,
      { eventType: 'meeting.correction', payload: { meetingId: id, correctionId, reason: dto.reason, correction: dto.correction }, actor: personActor(actor.personId, role) },
      (plan) => [
        {
          sql: 'INSERT INTO meeting_corrections (id, meeting_id, reason, details, recorded_by, recorded_at, global_seq) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          params: [correctionId, id, dto.reason, JSON.stringify({ correction: dto.correction }), actor.personId, plan.entry.recordedAt, plan.entry.globalSeq],
        },
      ],
    );
    return this.get(actor, id);
  }
}
