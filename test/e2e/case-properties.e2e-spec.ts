import { findUnpairedSurrogate } from '../../src/common/validation/unpaired-surrogate.js';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { decideEvent } from '../../workflows/core/decide-event.js';
import { outcomeOf } from '../../workflows/core/describe.js';
import type { ActorFact, CaseFact } from '../../workflows/core/permissions.js';
import type { FieldDecl, PayloadDecl } from '../../workflows/core/payload.js';
import { DAY_MS, type ProcedureDefinition } from '../../workflows/core/procedure.js';
import { acceptedEventTypes, restoreSnapshot, stepCase } from '../../workflows/core/step.js';
import { getProcedure } from '../../workflows/registry.js';
import { BODY_TYPE_NAMES, type BodyType } from '../../workflows/rules/body-types.js';
import { lawEndStates, topLevelOf, trailViolations, type TrailStep } from '../../workflows/testing/procedure-law.js';
import { sampleEvents, samplePayload } from '../../workflows/testing/sample-events.js';
import { ActorService } from '../../src/auth/actor.service.js';
import { CaseError } from '../../src/cases/case-error.js';
import { actorFactOf } from '../../src/cases/case.mapper.js';
import { caseErrorStatus } from '../../src/cases/case-exception.filter.js';
import { CasesService } from '../../src/cases/cases.service.js';
import { UnitDirectory } from '../../src/cases/unit-directory.js';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock, ManualClock } from '../../src/timers/clock.js';
import { TimerScheduler } from '../../src/timers/timer-scheduler.service.js';
import type { Caller } from '../support/api.js';
import { buildPropertyOrg, PROPERTY_ACTORS, sees, type PropertyActor, type PropertyOrg, type PropertyUnit } from '../support/property-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Random event sequences against whole cases, over HTTP, on the real database (SQLite, or
 * PostgreSQL with MINYI_TEST_DATABASE_URL). Each run opens a fresh case of one procedure and sends
 * it up to 25 random steps: events from random people (any declared type, whether or not the state
 * accepts it or the person may send it, with a sample, generated or corrupted payload, sometimes
 * with If-Match), events the case offers someone, moves that carry the case on (so that runs reach
 * the later steps), meeting results and objections through `CasesService.sendSystemEvent`, and time
 * passing on the manual clock with `TimerScheduler.runDue()`. After every step and at the end it
 * checks what a user would notice:
 *
 *   1. every answer is a documented one (never 500; 404 only to people the case is hidden from,
 *      whatever else is wrong); a refusal changes neither the case's version nor its audit trail,
 *      an acceptance adds exactly one entry; the version always equals the number of entries;
 *   2. the top-level steps the audit trail records never leave the paths the law allows
 *      (`trailViolations`, workflows/testing/procedure-law.ts, written independently of the
 *      statecharts), and the case is closed exactly in the law's end states;
 *   3. the chain verifies and replays to the stored case, for each case and for the whole scope;
 *   4. `allowedEvents` is exactly what a person can send: an offered event is never refused as
 *      forbidden or not allowed in this state; any other is.
 *
 * The seed is fixed (printed at start); FC_SEED=<n> changes it, FC_RUNS=<n> the runs per procedure,
 * FC_TRACE=1 prints every run's trace. A failure prints the shrunk sequence one step a line, and
 * the trace of what each step did and got.
 */

const SEED = process.env.FC_SEED !== undefined && process.env.FC_SEED !== '' ? Number(process.env.FC_SEED) : 20_260_115;
const RUNS = process.env.FC_RUNS !== undefined && process.env.FC_RUNS !== '' ? Number(process.env.FC_RUNS) : 30;
const MAX_STEPS = 25;

/** Where each procedure's cases are opened: the settings it applies to by default. */
const PROCEDURES: readonly { id: string; units: readonly PropertyUnit[] }[] = [
  { id: 'five-step', units: ['feicuijun'] },
  { id: 'four-plus-five', units: ['feicuijun', 'grid'] },
  { id: 'one-report-four-deliberations', units: ['village'] },
  { id: 'five-party-joint', units: ['gated'] },
];

/** Types no procedure declares: one well-formed, one the request validation refuses. */
const UNDECLARED_TYPES = ['vote.pass', 'Topic.accept!'] as const;
const OBJECTION_IDS = ['ref-1', 'o-2', 'o-3'] as const;
const DAYS = [1, 6, 7, 8, 10, 11, 30, 31, 61] as const;

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

type PayloadChoice =
  /** `samplePayload` of the declaration. */
  | { readonly kind: 'sample' }
  /** Random values within the declaration. */
  | { readonly kind: 'generated'; readonly value: Record<string, unknown> }
  /** Broken on purpose: the answer, to anyone who may send the event, is 400. */
  | { readonly kind: 'corrupt'; readonly how: string; readonly value: unknown };

type IfMatch = 'none' | 'current' | 'stale';

type Step =
  /** A person sends an event of their choosing. */
  | { readonly kind: 'event'; readonly actor: PropertyActor; readonly type: string; readonly payload: PayloadChoice; readonly ifMatch: IfMatch }
  /**
   * The first person (from `start`, round the list) offered anything sends one of their
   * `allowedEvents`, with a sample payload; one that would reject, withdraw or stop the case only
   * when `mayEnd`.
   */
  | { readonly kind: 'offered'; readonly start: number; readonly pick: number; readonly variant: number; readonly mayEnd: boolean }
  /**
   * Whatever moves the case on most, as the statechart predicts it (steering only): a move into a
   * step not yet visited, else any move between steps, else an event within the step (one time in
   * four, any of these); never one that rejects, withdraws or stops the case. Moves are people's
   * events, a meeting of the step's body, or the clock run to the case's next timer.
   */
  | { readonly kind: 'advance'; readonly pick: number; readonly variant: number }
  /** The engine closes a meeting: of the step's body #pick when `ofStep` and the step holds one, else of `body`. */
  | { readonly kind: 'meeting'; readonly ofStep: boolean; readonly pick: number; readonly body: BodyType; readonly outcome: 'passed' | 'failed' | 'noQuorum' }
  /** The engine records an objection filed on the public board. */
  | { readonly kind: 'objection'; readonly objectionId: string }
  /** Time passes; the timer scheduler runs. */
  | { readonly kind: 'time'; readonly days: number };

const short = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

const describePayload = (choice: PayloadChoice): string => {
  switch (choice.kind) {
    case 'sample':
      return 'sample payload';
    case 'generated':
      return `generated ${short(choice.value)}`;
    case 'corrupt':
      return `corrupt (${choice.how}) ${short(choice.value)}`;
    default: {
      const unreachable: never = choice;
      return unreachable;
    }
  }
};

const describeStep = (step: Step): string => {
  switch (step.kind) {
    case 'event':
      return `${step.actor} sends ${step.type} with ${describePayload(step.payload)}${step.ifMatch === 'none' ? '' : `, If-Match ${step.ifMatch}`}`;
    case 'offered':
      return `someone sends an offered event (start ${step.start}, pick ${step.pick}, variant ${step.variant}${step.mayEnd ? ', may end the case' : ''})`;
    case 'advance':
      return `advance (pick ${step.pick}, variant ${step.variant})`;
    case 'meeting':
      return `engine: meeting ${step.outcome} ${step.ofStep ? `of the step's body #${step.pick}, else of ` : 'of '}${step.body}`;
    case 'objection':
      return `engine: objection ${step.objectionId} filed`;
    case 'time':
      return `${step.days} day(s) pass, timers run`;
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
};

/** Shrunk counterexamples print one readable line per step. */
const readable = <T extends Step>(step: T): T => Object.assign(step, { [fc.toStringMethod]: () => describeStep(step) });

const validValue = (field: FieldDecl): fc.Arbitrary<unknown> => {
  switch (field.type) {
    case 'text': {
      const max = Math.min(field.maxLength, 30);
      const min = field.minLength ?? 1;
      return fc.oneof(
        fc.constantFrom('说明 reason', '走访120户老年人家庭', 'x'.repeat(Math.max(min, 1))),
        fc.string({ unit: 'binary', minLength: min, maxLength: Math.max(min, max) }).filter((s) => [...s.trim()].length >= min),
        fc.constant('议'.repeat(field.maxLength)),
      );
    }
    case 'ref':
      return fc.oneof(fc.constantFrom(...OBJECTION_IDS), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 }));
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'integer':
      return fc.integer({ min: field.min, max: field.max });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...field.values);
    case 'enumList':
      return fc.uniqueArray(fc.constantFrom(...field.values), { minLength: field.minItems ?? 0, maxLength: field.values.length });
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
};

const validPayload = (decl: PayloadDecl): fc.Arbitrary<Record<string, unknown>> => {
  const entries = Object.entries(decl);
  if (entries.length === 0) return fc.constant({});
  return fc.record(Object.fromEntries(entries.map(([name, field]) => [name, validValue(field)])), {
    requiredKeys: entries.filter(([, field]) => !field.optional).map(([name]) => name),
  });
};

/** Values of the right JSON type that break the field's declaration. */
const badValues = (field: FieldDecl): [string, unknown][] => {
  switch (field.type) {
    case 'text':
      return [
        ['a number', 5],
        ['blank', '   '],
        // JSON carries it as \ud800; no audit entry can hold it (RFC 8785 needs well-formed Unicode)
        ['with an unpaired surrogate', '说明\uD800'],
        ['too long', 'x'.repeat(field.maxLength + 1)],
      ];
    case 'ref':
      return [
        ['empty', ''],
        ['with an unpaired surrogate', 'o-\uDC00'],
        ['too long', 'r'.repeat(65)],
        ['an object', { id: 1 }],
      ];
    case 'date':
      return [
        ['no such day', '2026-02-30'],
        ['not a date', 'tomorrow'],
      ];
    case 'integer':
      return [
        ['below the minimum', field.min - 1],
        ['above the maximum', field.max + 1],
        ['a fraction', field.min + 0.5],
        ['a string', String(field.min)],
      ];
    case 'boolean':
      return [['a string', 'yes']];
    case 'enum':
      return [
        ['not a listed value', 'not_a_value'],
        ['a list', [field.values[0]]],
      ];
    case 'enumList':
      return [
        ['not a listed value', ['not_a_value']],
        ['a duplicate', [field.values[0], field.values[0]]],
        ['a string', field.values[0]],
      ];
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
};

const corruptPayload = (decl: PayloadDecl): fc.Arbitrary<PayloadChoice> => {
  const base = samplePayload(decl);
  const options: [string, unknown][] = [
    ['an unknown field', { ...base, unexpected: true }],
    ['not an object', '文本'],
    ['a list', [base]],
  ];
  for (const [name, field] of Object.entries(decl)) {
    if (!field.optional) {
      const { [name]: _dropped, ...rest } = base;
      options.push([`${name} missing`, rest]);
    }
    for (const [how, value] of badValues(field)) options.push([`${name} ${how}`, { ...base, [name]: value }]);
  }
  return fc.constantFrom(...options).map(([how, value]) => ({ kind: 'corrupt' as const, how, value }));
};

const payloadChoice = (decl: PayloadDecl | undefined): fc.Arbitrary<PayloadChoice> => {
  const declared = decl ?? {};
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'sample' as const }) },
    { weight: 3, arbitrary: validPayload(declared).map((value) => ({ kind: 'generated' as const, value })) },
    { weight: 3, arbitrary: corruptPayload(declared) },
  );
};

const stepArbitrary = (definition: ProcedureDefinition): fc.Arbitrary<Step> => {
  const types = [...Object.keys(definition.events), ...UNDECLARED_TYPES];
  const event = fc.oneof(
    ...types.map((type) =>
      fc.record({
        kind: fc.constant('event' as const),
        actor: fc.constantFrom(...PROPERTY_ACTORS),
        type: fc.constant(type),
        payload: payloadChoice(definition.events[type]?.payload),
        ifMatch: fc.oneof(
          { weight: 8, arbitrary: fc.constant<IfMatch>('none') },
          { weight: 1, arbitrary: fc.constant<IfMatch>('current') },
          { weight: 1, arbitrary: fc.constant<IfMatch>('stale') },
        ),
      }),
    ),
  );
  const offered = fc.record({
    kind: fc.constant('offered' as const),
    start: fc.nat(40),
    pick: fc.nat(20),
    variant: fc.nat(20),
    // mostly forward: a case that ends early leaves the rest of the sequence nothing to do
    mayEnd: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });
  const meeting = fc.record({
    kind: fc.constant('meeting' as const),
    ofStep: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    pick: fc.nat(20),
    body: fc.constantFrom(...BODY_TYPE_NAMES),
    outcome: fc.oneof(
      { weight: 3, arbitrary: fc.constant('passed' as const) },
      { weight: 1, arbitrary: fc.constant('failed' as const) },
      { weight: 1, arbitrary: fc.constant('noQuorum' as const) },
    ),
  });
  const advance = fc.record({ kind: fc.constant('advance' as const), pick: fc.nat(20), variant: fc.nat(20) });
  const objection = fc.record({ kind: fc.constant('objection' as const), objectionId: fc.constantFrom(...OBJECTION_IDS) });
  const time = fc.record({ kind: fc.constant('time' as const), days: fc.constantFrom(...DAYS) });
  return fc
    .oneof(
      { weight: 4, arbitrary: event },
      { weight: 4, arbitrary: offered },
      { weight: 4, arbitrary: advance },
      { weight: 2, arbitrary: meeting },
      { weight: 1, arbitrary: objection },
      { weight: 1, arbitrary: time },
    )
    .map(readable);
};

/** Mostly the defaults; otherwise values within the declaration, small ones often (periods the clock steps reach). */
const configArbitrary = (definition: ProcedureDefinition): fc.Arbitrary<Record<string, unknown> | undefined> => {
  const value = (field: FieldDecl) =>
    field.type === 'integer' ? fc.oneof(fc.integer({ min: field.min, max: field.max }), fc.integer({ min: field.min, max: Math.min(field.max, field.min + 10) })) : validValue(field);
  const config = fc.record(Object.fromEntries(Object.entries(definition.config).map(([name, field]) => [name, value(field)])), { requiredKeys: [] });
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: config });
};

// ---------------------------------------------------------------------------------------------
// What the API answers
// ---------------------------------------------------------------------------------------------

interface CaseBody {
  id: string;
  version: number;
  status: 'open' | 'closed';
  outcome: string | null;
  state: { value: unknown; path: string };
  allowedEvents: { type: string }[];
}

interface AuditItem {
  caseSeq: number;
  kind: string;
  eventType: string;
  payload: unknown;
  stateBefore: unknown;
  stateAfter: unknown;
}

/** The documented answers to `POST /api/cases/:id/events` (422s with their code). */
type Answer = '200' | '400' | '403' | '404' | '409' | '412' | '422:EVENT_NOT_ALLOWED' | '422:GUARD_REJECTED';
const DOCUMENTED: ReadonlySet<string> = new Set<Answer>(['200', '400', '403', '404', '409', '412', '422:EVENT_NOT_ALLOWED', '422:GUARD_REJECTED']);

const answerOf = (status: number, body: unknown): string => (status === 422 ? `422:${(body as { code?: string }).code}` : String(status));

/** A failed expectation, with the step that broke it (the run's trace is added by the caller). */
class PropertyBroken extends Error {}
const ensure = (condition: boolean, message: string): void => {
  if (!condition) throw new PropertyBroken(message);
};

describe('case properties (fast-check): random event sequences keep every case lawful and verifiable', () => {
  let t: TestApp;
  let org: PropertyOrg;
  let clock: ManualClock;
  let db: DataSource;
  let service: CasesService;
  let scheduler: TimerScheduler;
  /** Each actor as the procedures see them, to steer `advance` steps. */
  const factsOf = new Map<PropertyActor, (unitPath: CaseFact['unitPath']) => ActorFact>();
  /** Every case the properties opened, for the checks at the end. */
  const opened = new Map<string, ProcedureDefinition>();
  const counts = { runs: 0, steps: 0, accepted: 0, refused: 0 };
  /** The top-level states the trails reached, per procedure (printed at the end: how far the runs got). */
  const reached = new Map<string, Set<string>>();

  const caller = (actor: PropertyActor): Caller => org.actors[actor].caller;

  const auditCount = async (caseId: string): Promise<number> =>
    Number((await rawQuery<{ n: number | string }>(db, 'SELECT COUNT(*) AS n FROM audit_entries WHERE case_id = $1', [caseId]))[0]?.n);

  /** The stored machine snapshot (to offer events the state takes, with sample payloads). */
  const snapshotOf = async (caseId: string, definition: ProcedureDefinition): Promise<AnyMachineSnapshot> => {
    const [row] = await rawQuery<{ snapshot: string }>(db, 'SELECT snapshot FROM cases WHERE id = $1', [caseId]);
    ensure(row !== undefined, `case ${caseId} has no row`);
    return restoreSnapshot(definition.machine, JSON.parse(row?.snapshot ?? 'null'));
  };

  const getCase = async (actor: PropertyActor, caseId: string): Promise<CaseBody> => {
    const res = await caller(actor).get(`/api/cases/${caseId}`);
    ensure(res.status === 200, `GET /api/cases/${caseId} as ${actor} → ${res.status} ${short(res.body)}`);
    return res.body as CaseBody;
  };

  const auditOf = async (caseId: string): Promise<AuditItem[]> => {
    const items: AuditItem[] = [];
    let after = 0;
    for (;;) {
      const res = await caller('supervisor').get(`/api/cases/${caseId}/audit?after=${after}&limit=100`);
      ensure(res.status === 200, `GET audit → ${res.status} ${short(res.body)}`);
      const page = res.body as { items: AuditItem[]; nextAfter: number | null };
      items.push(...page.items);
      if (page.nextAfter === null) return items;
      after = page.nextAfter;
    }
  };

  /**
   * Property 2 on a case and its trail as the API lists them: entries numbered 1…n with n = the
   * case's version, the opening first, records that do not move the case, the accepted events
   * lawful by the independent law table (workflows/testing/procedure-law.ts), the case where its
   * trail leaves it, and closed exactly in the law's end states. Returns what is wrong.
   */
  const trailProblems = (definition: ProcedureDefinition, kase: CaseBody, trail: readonly AuditItem[]): string[] => {
    const problems: string[] = [];
    const numbers = trail.map((e) => e.caseSeq).join();
    if (numbers !== Array.from({ length: kase.version }, (_, i) => i + 1).join()) problems.push(`the trail is numbered ${numbers} for a case at version ${kase.version}`);
    const [created, ...rest] = trail;
    if (created?.kind !== 'case.created') return [...problems, `the trail opens with ${created?.kind}`];
    const steps: TrailStep[] = [];
    for (const entry of rest) {
      if (entry.kind === 'case.event') {
        steps.push({
          caseSeq: entry.caseSeq,
          stateBefore: entry.stateBefore,
          event: { type: entry.eventType, payload: entry.payload as Record<string, unknown> },
          stateAfter: entry.stateAfter,
        });
      } else if (JSON.stringify(entry.stateBefore) !== JSON.stringify(entry.stateAfter)) {
        problems.push(`entry ${entry.caseSeq} (${entry.kind} ${entry.eventType}) moved the case`);
      }
    }
    const seen = reached.get(definition.id) ?? new Set<string>();
    for (const step of steps) seen.add(topLevelOf(step.stateAfter));
    reached.set(definition.id, seen);
    const violations = trailViolations(definition, created.payload as { config: Record<string, unknown>; unitKind: string }, steps);
    if (violations.length > 0) problems.push(`the trail breaks the law:\n    ${violations.join('\n    ')}`);
    const last = trail.at(-1);
    if (JSON.stringify(kase.state.value) !== JSON.stringify(last?.stateAfter)) problems.push(`the case is in ${short(kase.state.value)}, its trail ends in ${short(last?.stateAfter)}`);
    const ended = lawEndStates(definition.id).includes(topLevelOf(kase.state.value));
    if ((kase.status === 'closed') !== ended) problems.push(`status ${kase.status} in ${kase.state.path}`);
    return problems;
  };

  /** Properties 2 and 3 for one case: a lawful trail, and verification valid with a matching replay. */
  const checkTrail = async (caseId: string, definition: ProcedureDefinition): Promise<void> => {
    const kase = await getCase('supervisor', caseId);
    const problems = trailProblems(definition, kase, await auditOf(caseId));
    ensure(problems.length === 0, problems.join('\n'));
    const verify = await caller('supervisor').get(`/api/cases/${caseId}/audit/verify`);
    ensure(verify.status === 200, `verify → ${verify.status}`);
    const result = verify.body as { valid: boolean; replayMatches: boolean; entries: number; problems: { code: string; caseSeq: number; message: { en: string } }[] };
    ensure(
      result.valid && result.replayMatches && result.entries === kase.version,
      `verify: valid ${result.valid}, replayMatches ${result.replayMatches}, ${result.entries} entries at version ${kase.version}; ${result.problems
        .map((p) => `${p.code} at entry ${p.caseSeq}: ${p.message.en}`)
        .join('; ')}`,
    );
  };

  beforeAll(async () => {
    console.log(`case properties: fast-check seed ${SEED}, ${RUNS} runs per procedure, up to ${MAX_STEPS} steps (FC_SEED, FC_RUNS to change)`);
    t = await startTestApp({ MINYI_MANUAL_CLOCK: 'true', MINYI_TIMER_POLL_MS: '0', NODE_ENV: 'test' });
    clock = t.app.get<Clock, ManualClock>(Clock);
    db = t.app.get(DataSource);
    service = t.app.get(CasesService);
    scheduler = t.app.get(TimerScheduler);
    org = await buildPropertyOrg(t);
    for (const actor of PROPERTY_ACTORS) {
      const personId = org.actors[actor].id;
      const roles = await t.app.get(ActorService).liveRoles(personId);
      factsOf.set(actor, (unitPath) => actorFactOf({ personId, username: actor, roles }, unitPath));
    }
  });
  afterAll(async () => {
    console.log(`case properties: ${counts.runs} runs, ${counts.steps} steps, ${counts.accepted} events accepted, ${counts.refused} refused, ${opened.size} cases`);
    for (const [id, states] of reached) console.log(`  ${id} reached: ${[...states].join(', ')}`);
    await t?.close();
  });

  /** Runs one generated sequence on a fresh case; throws with the whole trace when a property breaks. */
  const runSequence = async (
    definition: ProcedureDefinition,
    input: { unit: PropertyUnit; config: Record<string, unknown> | undefined; steps: readonly Step[] },
  ): Promise<void> => {
    counts.runs += 1;
    const trace: string[] = [];
    const res = await caller('resident').post('/api/cases', {
      procedure: definition.id,
      unitId: org.units[input.unit],
      title: '属性测试事项',
      description: '随机事件序列',
      ...(input.config ? { config: input.config } : {}),
    });
    if (res.status !== 201) throw new Error(`open ${definition.id} at ${input.unit} → ${res.status} ${short(res.body)}`);
    const caseId = (res.body as CaseBody).id;
    opened.set(caseId, definition);
    trace.push(`open ${definition.id} at ${input.unit}${input.config ? ` with ${short(input.config)}` : ''} → case ${caseId} in ${(res.body as CaseBody).state.path}`);
    let version = 1;
    /** The top-level steps the case has been in. */
    const visited = new Set([topLevelOf((res.body as CaseBody).state.value)]);

    /** After a step: version = number of entries; a refusal wrote nothing, an acceptance one entry. */
    const settle = async (wrote: 'none' | 'one' | 'any'): Promise<CaseBody> => {
      const kase = await getCase('root', caseId);
      const entries = await auditCount(caseId);
      ensure(kase.version === entries, `version ${kase.version} but ${entries} audit entries`);
      if (wrote === 'none') ensure(kase.version === version, `a refusal moved the version ${version} → ${kase.version}`);
      if (wrote === 'one') ensure(kase.version === version + 1, `an accepted event moved the version ${version} → ${kase.version}`);
      if (wrote === 'any') ensure(kase.version >= version, `the version went back ${version} → ${kase.version}`);
      if (kase.version !== version) {
        // property 2 after every move, so that a shrunk counterexample ends where the law broke
        const problems = trailProblems(definition, kase, await auditOf(caseId));
        ensure(problems.length === 0, problems.join('\n'));
      }
      version = kase.version;
      visited.add(topLevelOf(kase.state.value));
      return kase;
    };

    /** Property 1 and 4 for one HTTP answer, given what the case offered the sender beforehand. */
    const sendHttp = async (actor: PropertyActor, type: string, payload: PayloadChoice, ifMatch: IfMatch, offered: ReadonlySet<string> | null) => {
      const body: Record<string, unknown> = { type };
      if (payload.kind === 'sample') body.payload = samplePayload(definition.events[type]?.payload ?? {});
      else body.payload = payload.value;
      let request = caller(actor).post(`/api/cases/${caseId}/events`, body);
      if (ifMatch === 'current') request = request.set('if-match', `"${version}"`);
      if (ifMatch === 'stale') request = request.set('if-match', `"${version - 1}"`);
      const answer: Response = await request;
      const got = answerOf(answer.status, answer.body);

      // Text that cannot be UTF-8 is refused for every body before any route (and scope) sees it.
      const unpaired = findUnpairedSurrogate(body.payload) !== undefined;
      const requestRefused =
        unpaired || !/^[a-z]+\.[a-zA-Z]+$/.test(type) || typeof body.payload !== 'object' || body.payload === null || Array.isArray(body.payload);
      const expected: Answer[] = (() => {
        if (requestRefused) return ['400'];
        if (offered === null) return ['404'];
        if (ifMatch === 'stale') return ['412'];
        if (!Object.prototype.hasOwnProperty.call(definition.events, type)) return ['400'];
        if (offered.has(type)) {
          return payload.kind === 'corrupt' ? ['400'] : ['200', '422:GUARD_REJECTED'];
        }
        if (payload.kind === 'corrupt') return ['403', '400'];
        return ['403', '422:EVENT_NOT_ALLOWED'];
      })();
      ensure(DOCUMENTED.has(got), `undocumented answer ${answer.status} ${short(answer.body)}`);
      ensure(
        (expected as string[]).includes(got),
        `expected ${expected.join(' or ')}, got ${got} ${short(answer.body)} (${offered === null ? 'case hidden' : `offered: ${[...offered].join(', ') || 'nothing'}`})`,
      );
      if (answer.status === 200) {
        const result = answer.body as { case: CaseBody; receipt: { caseSeq: number; hash: string } };
        ensure(result.case.version === version + 1 && result.receipt.caseSeq === version + 1, `receipt ${short(result.receipt)} at version ${version}`);
        ensure(answer.headers.etag === `"${version + 1}"`, `ETag ${String(answer.headers.etag)} after version ${version}`);
        counts.accepted += 1;
      } else {
        const error = answer.body as { statusCode?: number; code?: string; message?: { zh?: string; en?: string } };
        ensure(error.statusCode === answer.status && typeof error.code === 'string' && !!error.message?.zh && !!error.message.en, `error body ${short(error)}`);
        counts.refused += 1;
      }
      const kase = await settle(answer.status === 200 ? 'one' : 'none');
      return `${got}${answer.status === 200 ? '' : ` ${(answer.body as { code?: string }).code}`} → ${kase.state.path} v${kase.version}`;
    };

    /** What the case offers an actor now; null when the case is hidden from them (no role at its unit or above). */
    const offeredTo = async (actor: PropertyActor): Promise<Set<string> | null> => {
      const res = await caller(actor).get(`/api/cases/${caseId}`);
      if (!sees(actor, input.unit)) {
        ensure(res.status === 404, `${actor} holds no role over ${input.unit} but GET → ${res.status}`);
        return null;
      }
      ensure(res.status === 200, `GET as ${actor} → ${res.status} ${short(res.body)}`);
      const kase = res.body as CaseBody;
      ensure(kase.version === version, `GET as ${actor} shows version ${kase.version}, expected ${version}`);
      return new Set(kase.allowedEvents.map((e) => e.type));
    };

    /** A system event through the engine's own entry point: accepted, or refused as the state says. */
    const sendSystem = async (type: string, payload: Record<string, unknown>) => {
      const declared = Object.prototype.hasOwnProperty.call(definition.events, type);
      const accepts = acceptedEventTypes(await snapshotOf(caseId, definition)).includes(type);
      let got: string;
      try {
        await service.sendSystemEvent(caseId, type, payload);
        got = '200';
        counts.accepted += 1;
      } catch (error) {
        if (!(error instanceof CaseError)) throw new PropertyBroken(`sendSystemEvent(${type}) threw ${String(error)}`);
        got = answerOf(caseErrorStatus(error.code), { code: error.code });
        counts.refused += 1;
      }
      const expected = !declared ? ['400'] : accepts ? ['200', '422:GUARD_REJECTED'] : ['422:EVENT_NOT_ALLOWED'];
      ensure(expected.includes(got), `system ${type}: expected ${expected.join(' or ')}, got ${got}`);
      const kase = await settle(got === '200' ? 'one' : 'none');
      return `${got} → ${kase.state.path} v${kase.version}`;
    };

    const inScope = PROPERTY_ACTORS.filter((actor) => sees(actor, input.unit));

    /** A sample payload for an event the state accepts (variant #n); objection answers name a pending objection. */
    const sampleFor = (snapshot: AnyMachineSnapshot, type: string, variant: number): Record<string, unknown> => {
      const variants = sampleEvents(definition, snapshot).filter((e) => e.type === type);
      const payload = variants[variant % Math.max(variants.length, 1)]?.payload ?? samplePayload(definition.events[type]?.payload ?? {});
      const pending = (snapshot.context as { pendingObjections?: string[] }).pendingObjections ?? [];
      return type.startsWith('objection.') && pending.length > 0 ? { ...payload, objectionId: pending[variant % pending.length] } : payload;
    };

    /** The `advance` step: every move the statechart predicts, scored by how far it takes the case. */
    const advance = async (step: Extract<Step, { kind: 'advance' }>): Promise<string> => {
      const snapshot = await snapshotOf(caseId, definition);
      const [row] = await rawQuery<{ unit_path: string }>(db, 'SELECT unit_path FROM cases WHERE id = $1', [caseId]);
      const kase: CaseFact = { submitterId: org.actors.resident.id, unitPath: await t.app.get(UnitDirectory).pathOf(row?.unit_path ?? '') };
      const here = topLevelOf(snapshot.value);
      const progress = (next: AnyMachineSnapshot): number => {
        const outcome = outcomeOf(next);
        if (outcome !== null && outcome !== 'completed') return 0;
        const to = topLevelOf(next.value);
        return to === here ? 1 : visited.has(to) ? 2 : 3;
      };
      const predict = (actor: ActorFact, event: { type: string; payload: Record<string, unknown> }): number => {
        const decision = decideEvent({ definition, snapshot, event, actor, kase });
        return decision.kind === 'accepted' ? progress(decision.snapshot) : -1;
      };
      const moves: { score: number; run: () => Promise<string> }[] = [];
      for (const type of acceptedEventTypes(snapshot)) {
        const payload = sampleFor(snapshot, type, step.variant);
        for (const actor of inScope) {
          const score = predict((factsOf.get(actor) as (p: CaseFact['unitPath']) => ActorFact)(kase.unitPath), { type, payload });
          if (score > 0) {
            moves.push({
              score,
              run: async () => `${actor} sends ${type} ${short(payload)}: ${await sendHttp(actor, type, { kind: 'generated', value: payload }, 'none', await offeredTo(actor))}`,
            });
          }
        }
      }
      const meetings = sampleEvents(definition, snapshot).filter((e) => e.type === 'meeting.closed');
      for (const meeting of meetings) {
        const score = predict({ kind: 'system' }, meeting);
        if (score > 0) moves.push({ score, run: async () => `meeting.closed ${short(meeting.payload)}: ${await sendSystem('meeting.closed', meeting.payload)}` });
      }
      const [timer] = await rawQuery<{ event: string; due_at: string }>(db, 'SELECT event, due_at FROM timers WHERE case_id = $1 ORDER BY due_at LIMIT 1', [caseId]);
      if (timer) {
        const event = JSON.parse(timer.event) as { type: string; payload?: Record<string, unknown> };
        const score = predict({ kind: 'system' }, { type: event.type, payload: event.payload ?? {} });
        if (score > 0) {
          moves.push({
            score,
            run: async () => {
              clock.advance(Math.max(0, Date.parse(timer.due_at) - clock.now().getTime()));
              const fired = await scheduler.runDue();
              const kase = await settle('any');
              return `clock to ${timer.due_at} (${event.type}): ${fired} timer(s) fired → ${kase.state.path} v${kase.version}`;
            },
          });
        }
      }
      // one time in four, any move that keeps the case alive (a failed meeting, a return, an answer…)
      const best = step.variant % 4 === 0 ? 1 : Math.max(0, ...moves.map((m) => m.score));
      const top = moves.filter((m) => m.score >= best && m.score > 0);
      const move = top[step.pick % Math.max(top.length, 1)];
      return move ? move.run() : 'nothing moves the case on';
    };

    const run = async (step: Step): Promise<string> => {
      switch (step.kind) {
        case 'event':
          return sendHttp(step.actor, step.type, step.payload, step.ifMatch, await offeredTo(step.actor));
        case 'offered': {
          const snapshot = await snapshotOf(caseId, definition);
          const sampleOf = (type: string) => sampleFor(snapshot, type, step.variant);
          // steering only (the answer is checked against what the case offered, not this guess)
          const ends = (type: string): boolean => {
            const result = stepCase(definition.machine, snapshot, { type, payload: sampleOf(type) });
            const outcome = result.kind === 'accepted' ? outcomeOf(result.snapshot) : null;
            return outcome !== null && outcome !== 'completed';
          };
          for (let i = 0; i < inScope.length; i += 1) {
            const actor = inScope[(step.start + i) % inScope.length] as PropertyActor;
            const offered = await offeredTo(actor);
            if (!offered || offered.size === 0) continue;
            const choices = step.mayEnd ? [...offered] : [...offered].filter((type) => !ends(type));
            if (choices.length === 0) continue;
            const type = choices[step.pick % choices.length] as string;
            const payload = sampleOf(type);
            return `${actor} sends offered ${type} ${short(payload)}: ${await sendHttp(actor, type, { kind: 'generated', value: payload }, 'none', offered)}`;
          }
          return step.mayEnd ? 'nobody is offered anything' : 'nobody is offered anything that does not end the case';
        }
        case 'advance':
          return advance(step);
        case 'meeting': {
          // the bodies the step meets in (sampleEvents lists each body's results, then one foreign body)
          const variants = step.ofStep ? sampleEvents(definition, await snapshotOf(caseId, definition)).filter((e) => e.type === 'meeting.closed') : [];
          const bodies = [...new Set(variants.slice(0, -1).map((e) => e.payload.body as BodyType))];
          const body = bodies[step.pick % Math.max(bodies.length, 1)] ?? step.body;
          const payload = {
            meetingId: `m-${body}-${step.outcome}`,
            body,
            quorumMet: step.outcome !== 'noQuorum',
            passed: step.outcome === 'passed',
            ruleId: `${body}.rule`,
          };
          return `meeting.closed ${short(payload)}: ${await sendSystem('meeting.closed', payload)}`;
        }
        case 'objection':
          return sendSystem('objection.filed', { objectionId: step.objectionId });
        case 'time': {
          clock.advance(step.days * DAY_MS);
          const fired = await scheduler.runDue();
          const kase = await settle('any');
          return `${fired} timer(s) fired → ${kase.state.path} v${kase.version}`;
        }
        default: {
          const unreachable: never = step;
          return unreachable;
        }
      }
    };

    let at = 'the checks at the end';
    try {
      for (const [i, step] of input.steps.entries()) {
        counts.steps += 1;
        at = `step #${i + 1} of ${input.steps.length}`;
        trace.push(`#${i + 1} ${describeStep(step)}`);
        trace[trace.length - 1] += `: ${await run(step)}`;
      }
      at = 'the checks at the end';
      await checkTrail(caseId, definition);
      if (process.env.FC_TRACE === '1') console.log(trace.join('\n  '));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n  at ${at}; trace:\n    ${trace.join('\n    ')}`, { cause: error });
    }
  };

  it.each(PROCEDURES)('$id: random event sequences stay on the lawful paths and verify', async ({ id, units }) => {
    const definition = getProcedure(id) as ProcedureDefinition;
    const arbitrary = fc.record({
      unit: fc.constantFrom(...units),
      config: configArbitrary(definition),
      steps: fc.array(stepArbitrary(definition), { minLength: 1, maxLength: MAX_STEPS, size: 'max' }),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, (input) => runSequence(definition, input)),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 100_000, markInterruptAsFailure: true },
    );
  }, 120_000);

  it('leaves every case it opened lawful and the whole trail verifiable', async () => {
    // Timers keep firing for earlier cases as the clock moves on: check them all again.
    for (const [caseId, definition] of opened) {
      try {
        await checkTrail(caseId, definition);
      } catch (error) {
        throw new Error(`case ${caseId} (${definition.id}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    for (const actor of ['root', 'supervisor'] as const) {
      const res = await caller(actor).get('/api/audit/verify').expect(200);
      expect(res.body).toMatchObject({ valid: true, globalSequenceGaps: [], invalid: [] });
      expect((res.body as { cases: number }).cases).toBeGreaterThanOrEqual(opened.size);
    }
  }, 60_000);
});
