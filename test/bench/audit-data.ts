import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { meetingClosedEvent } from '../../workflows/core/meeting-event.js';
import type { ActorFact } from '../../workflows/core/permissions.js';
import type { Role } from '../../workflows/org/roles.js';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import { getProcedure } from '../../workflows/registry.js';
import { decideMeeting } from '../../workflows/rules/decide.js';
import type { AuditActor, AuditEntry } from '../../src/audit/audit-entry.js';
import { AUDIT_COLUMNS, toAuditRow } from '../../src/audit/audit-row.js';
import { writeLatestCheckpointFile } from '../../src/audit/checkpoint-file.js';
import { SIGNING_KEY_FILE } from '../../src/audit/checkpoint-key.js';
import { keyId, rawPublicKey, signCheckpoint } from '../../src/audit/checkpoint-note.js';
import { MerkleTree, auditLeafHash } from '../../src/audit/merkle/index.js';
import { planCreate, planEvent, planRecord, type EventJob, type Plan } from '../../src/cases/case-engine.js';
import { CASE_COLUMNS, toCaseRow, type CaseRecord } from '../../src/cases/case-record.js';
import { buildDataSourceOptions } from '../../src/database/data-source-options.js';

/**
 * The bench:audit database: a SQLite file with `entries` real audit entries, built fast — not
 * through HTTP, but with the engine's own pure planners (`planCreate`, `planEvent`, `planRecord`
 * from src/cases/case-engine.ts: permission and payload checks, the XState step, the sealed entry
 * with its RFC 8785 hash and chain link), inserted with better-sqlite3 in large transactions into
 * the schema the app's migrations create. Every case walks 五步议事 (scenario 1 of
 * shared/scenarios.md): accepted, a variable number of findings and opinions, the consultation
 * meeting's records (convened, opened, attendance, voting, tally) and its `meeting.closed` decided
 * by the legal rule, the study's approval, a public notice with an objection dismissed, the
 * notice period's end (system timer) and the implementation report. Cases are interleaved in the
 * global sequence as concurrent cases are; the ones still running when the budget ends stay open.
 * One case has exactly `bigCase` entries (its findings spread over the log).
 *
 * Checkpoints are signed as the server signs them (Ed25519 key file in the data directory, C2SP
 * note, the latest also kept in the data directory): one every `checkpointEvery` entries and one
 * over the whole log at the end. Timers, meetings and notices tables stay empty: the verifier does
 * not read them.
 */

/** Bump when the generated data changes: the cached file is keyed by it. */
export const AUDIT_DATA_VERSION = 'v1';
export const BENCH_ORIGIN = 'bench.minyi.example/audit';

export interface AuditDataOptions {
  readonly entries: number;
  readonly bigCase: number;
  readonly checkpointEvery: number;
  /** Cases running at the same time (interleaved in the global sequence). */
  readonly concurrent: number;
}

export interface AuditData {
  readonly dir: string;
  readonly databasePath: string;
  readonly dataDir: string;
  readonly entries: number;
  readonly cases: number;
  readonly closedCases: number;
  readonly bigCaseId: string;
  readonly checkpoints: number;
  readonly buildSeconds: number;
  readonly bytes: number;
}

/** Deterministic PRNG (mulberry32): the same options give the same database. */
const random = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const uuidFrom = (next: () => number): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(next() * 4)] as string}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const UNITS = { district: 'a0000000-0000-4000-8000-000000000001', subdistrict: 'a0000000-0000-4000-8000-000000000002', community: 'a0000000-0000-4000-8000-000000000003' };
const UNIT_PATH = `/${UNITS.district}/${UNITS.subdistrict}/${UNITS.community}/`;
const CASE_UNIT_PATH = [
  { id: UNITS.district, kind: 'district' as const },
  { id: UNITS.subdistrict, kind: 'subdistrict' as const },
  { id: UNITS.community, kind: 'community' as const },
];
const PEOPLE = {
  resident: 'b0000000-0000-4000-8000-000000000001',
  clerk: 'b0000000-0000-4000-8000-000000000002',
  grid: 'b0000000-0000-4000-8000-000000000003',
  secretary: 'b0000000-0000-4000-8000-000000000004',
  committee: 'b0000000-0000-4000-8000-000000000005',
};
const person = (personId: string, role: Role): ActorFact => ({ kind: 'person', personId, assignments: [{ role, unitId: UNITS.community }] });
const ACTORS = {
  clerk: person(PEOPLE.clerk, 'council_clerk'),
  grid: person(PEOPLE.grid, 'grid_worker'),
  secretary: person(PEOPLE.secretary, 'community_party_secretary'),
  committee: person(PEOPLE.committee, 'residents_committee'),
  system: { kind: 'system' } as ActorFact,
};
const CLERK_AUDIT: AuditActor = { kind: 'person', personId: PEOPLE.clerk, role: 'council_clerk', unitId: UNITS.community, as: 'role' };

const FINDINGS = [
  { summary: '走访120户老年人家庭，记录对日间照料中心的需求', method: 'visit' },
  { summary: '需求问卷：课程、康复理疗、外出活动，回收问卷86份', method: 'survey' },
  { summary: '查阅街道养老服务补贴文件，明确运营补贴标准', method: 'document' },
  { summary: '楼栋长座谈会，了解楼内独居老人情况', method: 'meeting' },
];
const OPINIONS = [
  { text: '希望引入专业机构运营，收费要公开透明', from: '老年居民' },
  { text: '建议增加午餐配送服务', from: '3号楼居民' },
  { text: '担心噪音影响低层住户', from: '1号楼居民' },
];

type Step =
  | { readonly kind: 'event'; readonly actor: ActorFact; readonly type: string; readonly payload: Record<string, unknown>; readonly timerKey?: string }
  | { readonly kind: 'record'; readonly eventType: string; readonly payload: Record<string, unknown> };

/** The steps after creation of one five-step case with `research` findings and opinions. */
const scriptOf = (research: number, next: () => number, caseNo: number): Step[] => {
  const meetingId = uuidFrom(next);
  const objectionId = uuidFrom(next);
  const roster = 21;
  const present = 15 + Math.floor(next() * 6);
  const against = Math.floor(next() * 3);
  const abstain = Math.floor(next() * 2);
  const votes = { for: present - against - abstain, against, abstain };
  const outcome = decideMeeting({ body: 'resident_council', roster, present, votes });
  if (!outcome.ok || !outcome.passed) throw new Error('the consultation meeting must pass');
  const closed = meetingClosedEvent(meetingId, outcome);
  const steps: Step[] = [{ kind: 'event', actor: ACTORS.clerk, type: 'topic.accept', payload: {} }];
  for (let i = 0; i < research; i++) {
    const r = next();
    steps.push(
      r < 0.7
        ? { kind: 'event', actor: r < 0.35 ? ACTORS.grid : ACTORS.clerk, type: 'research.addFinding', payload: { ...(FINDINGS[i % FINDINGS.length] as Record<string, unknown>), summary: `${(FINDINGS[i % FINDINGS.length] as { summary: string }).summary}（第${i + 1}次，事项${caseNo}）` } }
        : { kind: 'event', actor: ACTORS.grid, type: 'research.addOpinion', payload: { ...(OPINIONS[i % OPINIONS.length] as Record<string, unknown>) } },
    );
  }
  // a finding first, so research.complete's guard holds even when the dice said opinions only
  if (research > 0) steps[1] = { kind: 'event', actor: ACTORS.clerk, type: 'research.addFinding', payload: { ...(FINDINGS[0] as Record<string, unknown>) } };
  const scheduledAt = new Date(Date.UTC(2026, 2, 1 + (caseNo % 28), 19)).toISOString();
  steps.push(
    { kind: 'event', actor: ACTORS.clerk, type: 'research.complete', payload: {} },
    {
      kind: 'record',
      eventType: 'meeting.convened',
      payload: { meetingId, body: 'resident_council', scheduledAt, noticeGivenAt: scheduledAt, place: '社区党群服务中心二楼会议室', motion: '引入专业机构运营日间照料中心', ruleId: outcome.rule.id, ruleSource: 'statutory', expected: roster },
    },
    { kind: 'record', eventType: 'meeting.opened', payload: { meetingId, expected: roster, chair: '议事会主任', recorder: '议事会书记员' } },
    { kind: 'record', eventType: 'meeting.attendance', payload: { meetingId, present } },
    { kind: 'record', eventType: 'meeting.votingStarted', payload: { meetingId, mode: 'tally', present } },
    { kind: 'record', eventType: 'meeting.tally', payload: { meetingId, ...votes } },
    { kind: 'event', actor: ACTORS.system, type: closed.type, payload: { ...closed.payload } },
    { kind: 'event', actor: ACTORS.secretary, type: 'study.approve', payload: { opinion: '同意引入专业机构运营日间照料中心' } },
    { kind: 'event', actor: ACTORS.system, type: 'objection.filed', payload: { objectionId } },
    { kind: 'event', actor: ACTORS.clerk, type: 'objection.dismiss', payload: { objectionId, reason: '收费按物价部门核定标准执行' } },
    { kind: 'event', actor: ACTORS.system, type: 'notice.periodEnded', payload: {}, timerKey: 'noticePeriod' },
    { kind: 'event', actor: ACTORS.committee, type: 'implementation.report', payload: { summary: '居委会已与运营机构签订合同', completedOn: '2026-04-15' } },
  );
  return steps;
};
/** Entries of a case with `research` findings/opinions: creation + accept + research + 12. */
const FIXED_STEPS = 14;

interface Running {
  record: CaseRecord;
  readonly steps: Step[];
  at: number;
}

/**
 * Builds the database into `dir` (replacing whatever is there) and returns what it holds.
 * Progress goes to `log`.
 */
export const buildAuditData = async (dir: string, options: AuditDataOptions, log: (line: string) => void): Promise<AuditData> => {
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const databasePath = join(dir, 'audit.sqlite');
  const building = `${databasePath}.building`;

  // The schema: the app's own migrations.
  const dataSource = new DataSource(buildDataSourceOptions({ type: 'sqlite', path: building }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  const db = new Database(building);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  const now0 = Date.UTC(2026, 0, 5, 0, 0, 0);
  db.prepare('INSERT INTO units (id, name, kind, parent_id, path, households, adult_population, community_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(UNITS.district, '天桥区', 'district', null, `/${UNITS.district}/`, 1200, 2600, null, new Date(now0).toISOString());
  db.prepare('INSERT INTO units (id, name, kind, parent_id, path, households, adult_population, community_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(UNITS.subdistrict, '北坦街道', 'subdistrict', UNITS.district, `/${UNITS.district}/${UNITS.subdistrict}/`, 1200, 2600, null, new Date(now0).toISOString());
  db.prepare('INSERT INTO units (id, name, kind, parent_id, path, households, adult_population, community_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(UNITS.community, '翡翠郡社区', 'community', UNITS.subdistrict, UNIT_PATH, 1200, 2600, 'open', new Date(now0).toISOString());
  const insertPerson = db.prepare('INSERT INTO people (id, name, username, password_hash, phone, active, session_version, home_unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertRole = db.prepare('INSERT INTO role_assignments (id, person_id, role, unit_id, granted_by, granted_at, revoked_by, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const [name, id] of Object.entries(PEOPLE)) {
    insertPerson.run(id, name, `bench.${name}`, 'scrypt$disabled', null, 1, 1, UNITS.community, new Date(now0).toISOString());
    const role = { resident: 'resident', clerk: 'council_clerk', grid: 'grid_worker', secretary: 'community_party_secretary', committee: 'residents_committee' }[name];
    insertRole.run(`c${id.slice(1)}`, id, role, UNITS.community, null, new Date(now0).toISOString(), null, null);
  }

  const insertEntry = db.prepare(`INSERT INTO audit_entries (${AUDIT_COLUMNS}) VALUES (${AUDIT_COLUMNS.split(', ').map(() => '?').join(', ')})`);
  const insertCase = db.prepare(`INSERT INTO cases (${CASE_COLUMNS}) VALUES (${CASE_COLUMNS.split(', ').map(() => '?').join(', ')})`);
  const insertCheckpoint = db.prepare('INSERT INTO audit_checkpoints (tree_size, root_hash, key_id, signed_at, reason, note) VALUES (?, ?, ?, ?, ?, ?)');
  const entryColumns = AUDIT_COLUMNS.split(', ') as (keyof ReturnType<typeof toAuditRow>)[];
  const caseColumns = CASE_COLUMNS.split(', ') as (keyof ReturnType<typeof toCaseRow>)[];

  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dataDir, SIGNING_KEY_FILE), privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  const kid = keyId(BENCH_ORIGIN, rawPublicKey(privateKey)).toString('hex');

  const definition = getProcedure('five-step', 1) as ProcedureDefinition;
  const next = random(20261126);
  const tree = new MerkleTree();
  const pendingEntries: AuditEntry[] = [];
  const pendingCases: CaseRecord[] = [];
  let seq = 0;
  let caseNo = 0;
  let cases = 0;
  let closedCases = 0;
  let checkpoints = 0;
  const timeOf = (n: number) => new Date(now0 + n * 1700).toISOString();

  const flush = db.transaction(() => {
    for (const entry of pendingEntries) {
      const row = toAuditRow(entry);
      insertEntry.run(...entryColumns.map((c) => row[c]));
    }
    for (const record of pendingCases) {
      const row = toCaseRow(record);
      insertCase.run(...caseColumns.map((c) => row[c]));
    }
    pendingEntries.length = 0;
    pendingCases.length = 0;
  });
  const sign = (reason: string) => {
    const root = tree.root();
    const note = signCheckpoint({ origin: BENCH_ORIGIN, size: tree.size, root }, BENCH_ORIGIN, privateKey);
    insertCheckpoint.run(tree.size, root.toString('hex'), kid, timeOf(seq), reason, note);
    writeLatestCheckpointFile(dataDir, note);
    checkpoints += 1;
  };
  const append = (plan: Plan) => {
    pendingEntries.push(plan.entry);
    tree.append(auditLeafHash(plan.entry.hash));
    if (tree.size % options.checkpointEvery === 0) sign('periodic');
    if (pendingEntries.length >= 20_000) flush();
  };

  const open = (research: number): Running => {
    caseNo += 1;
    cases += 1;
    seq += 1;
    const plan = planCreate({
      definition,
      unit: { id: UNITS.community, path: UNIT_PATH, kind: 'community' },
      title: `引入专业机构运营日间照料中心（事项${caseNo}）`,
      description: '老年居民希望改善日间照料服务，由议事会书记员提出并受理。',
      config: { ...definition.defaults },
      submitter: { personId: PEOPLE.resident, role: null, unitId: null },
      now: timeOf(seq),
      globalSeq: seq,
      id: uuidFrom(next),
    });
    append(plan);
    return { record: plan.record, steps: scriptOf(research, next, caseNo), at: 0 };
  };
  const advance = (c: Running): void => {
    const step = c.steps[c.at++] as Step;
    seq += 1;
    const now = timeOf(seq);
    let plan: Plan;
    if (step.kind === 'record') {
      plan = planRecord({ record: c.record, eventType: step.eventType, payload: step.payload, actor: CLERK_AUDIT, now, globalSeq: seq });
    } else {
      const job: EventJob = { caseId: c.record.id, type: step.type, payload: step.payload, actor: step.actor, unitPath: CASE_UNIT_PATH, expectedVersion: null, ...(step.timerKey ? { timerKey: step.timerKey } : {}) };
      const planned = planEvent({ record: c.record, job, now, globalSeq: seq });
      if (!('entry' in planned) || planned.entry.kind !== 'case.event') throw new Error(`the engine refused ${step.type} in case ${caseNo}: ${JSON.stringify(planned)}`);
      plan = planned;
    }
    c.record = plan.record;
    append(plan);
  };
  const finish = (c: Running) => {
    pendingCases.push(c.record);
    if (c.record.status === 'closed') closedCases += 1;
  };

  const researchSize = () => 5 + Math.floor(next() * 41); // 19–59 entries a case, about 39 on average
  const running: Running[] = [];
  let bigCaseId = '';
  if (options.bigCase > 0) {
    if (options.bigCase < FIXED_STEPS + 1 || options.bigCase > options.entries) throw new Error(`--big-case must be between ${FIXED_STEPS + 1} and --entries`);
    const big = open(options.bigCase - FIXED_STEPS);
    bigCaseId = big.record.id;
    running.push(big);
  }
  const bigPace = Math.min(0.5, (1.25 * options.bigCase) / options.entries);
  let lastReport = performance.now();
  while (seq < options.entries) {
    while (running.length < options.concurrent && seq < options.entries) running.push(open(researchSize()));
    if (seq >= options.entries) break;
    // the big case advances at a pace that spreads its entries over about 80 % of the log
    const bigIndex = running.findIndex((r) => r.record.id === bigCaseId);
    const i = bigIndex >= 0 && next() < bigPace ? bigIndex : Math.floor(next() * running.length);
    const c = running[i] as Running;
    advance(c);
    if (c.at === c.steps.length) {
      finish(c);
      running.splice(i, 1);
    }
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      log(`  … ${seq.toLocaleString('en-US')} entries (${((seq / options.entries) * 100).toFixed(0)} %)`);
    }
  }
  // The budget is spent: the running cases stay open where they are (the big one must be complete).
  const big = running.find((c) => c.record.id === bigCaseId);
  if (big !== undefined) throw new Error(`the log ended before the ${options.bigCase}-entry case did: use more --entries or fewer --concurrent`);
  for (const c of running) finish(c);
  flush();
  db.prepare('UPDATE audit_sequence SET last_global_seq = ? WHERE id = 1').run(seq);
  if (tree.size % options.checkpointEvery !== 0) sign('closed');
  const problems = db.pragma('foreign_key_check') as unknown[];
  if (problems.length > 0) throw new Error(`foreign keys broken: ${JSON.stringify(problems.slice(0, 3))}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(building, databasePath);
  rmSync(`${building}-wal`, { force: true });
  rmSync(`${building}-shm`, { force: true });
  const data: AuditData = {
    dir,
    databasePath,
    dataDir,
    entries: seq,
    cases,
    closedCases,
    bigCaseId,
    checkpoints,
    buildSeconds: (performance.now() - started) / 1000,
    bytes: statSync(databasePath).size,
  };
  writeFileSync(join(dir, 'audit-data.json'), `${JSON.stringify({ version: AUDIT_DATA_VERSION, options, data }, null, 2)}\n`);
  return data;
};

/** The database cached in `dir` when it was built by this version with these options, else null. */
export const cachedAuditData = (dir: string, options: AuditDataOptions): AuditData | null => {
  const file = join(dir, 'audit-data.json');
  if (!existsSync(file)) return null;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: string; options: AuditDataOptions; data: AuditData };
    if (saved.version !== AUDIT_DATA_VERSION || JSON.stringify(saved.options) !== JSON.stringify(options)) return null;
    return existsSync(saved.data.databasePath) ? saved.data : null;
  } catch {
    return null;
  }
};
