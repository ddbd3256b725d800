import type { AnyMachineSnapshot } from 'xstate';
import { getAdjacencyMap, getSimplePaths, type StatePath } from 'xstate/graph';
import type { ProcedureDefinition } from '../core/procedure.js';
import { startCase, stepCase } from '../core/step.js';
import { sampleEvents, sampleInput, type CaseEvent } from './sample-events.js';

/**
 * The law of each procedure, written down independently of its statechart: every way into each
 * step, and the steps that must all have happened, in order, before it. The graph tests walk
 * every simple path through every machine and check each step against this table.
 */
interface Entry {
  readonly from: string;
  readonly event: string;
  readonly when?: (payload: Record<string, unknown>, before: AnyMachineSnapshot) => boolean;
}
interface Law {
  readonly entries: Readonly<Record<string, readonly Entry[]>>;
  readonly orderBefore: Readonly<Record<string, readonly string[]>>;
}

const passedBy =
  (...bodies: string[]) =>
  (payload: Record<string, unknown>) =>
    payload.passed === true && payload.quorumMet === true && bodies.includes(payload.body as string);
const failedBy =
  (...bodies: string[]) =>
  (payload: Record<string, unknown>) =>
    payload.passed === false && bodies.includes(payload.body as string);
const noticeEnds = (from: string): Entry[] => [
  { from, event: 'notice.periodEnded' },
  { from, event: 'objection.dismiss' },
];
const threshold = (before: AnyMachineSnapshot) =>
  (before.context as { config: { evaluationThresholdPercent: number } }).config.evaluationThresholdPercent;

export const LAW: Readonly<Record<string, Law>> = {
  'five-step': {
    entries: {
      research: [
        { from: 'topic', event: 'topic.accept' },
        { from: 'consultation', event: 'meeting.closed', when: failedBy('resident_council') },
      ],
      consultation: [
        { from: 'research', event: 'research.complete', when: (_, before) => (before.context as { findings: number }).findings > 0 },
        { from: 'study', event: 'study.return' },
        { from: 'publicNotice', event: 'objection.uphold' },
      ],
      study: [{ from: 'consultation', event: 'meeting.closed', when: passedBy('resident_council') }],
      publicNotice: [{ from: 'study', event: 'study.approve' }],
      implementation: noticeEnds('publicNotice'),
      completed: [{ from: 'implementation', event: 'implementation.report' }],
      rejected: [
        { from: 'topic', event: 'topic.reject' },
        { from: 'consultation', event: 'consultation.reject' },
        { from: 'study', event: 'study.reject' },
      ],
      withdrawn: [
        { from: 'topic', event: 'case.withdraw' },
        { from: 'research', event: 'case.withdraw' },
      ],
    },
    orderBefore: {
      study: ['topic', 'research', 'consultation'],
      publicNotice: ['topic', 'research', 'consultation', 'study'],
      implementation: ['topic', 'research', 'consultation', 'study', 'publicNotice'],
      completed: ['topic', 'research', 'consultation', 'study', 'publicNotice', 'implementation'],
    },
  },
  'four-plus-five': {
    entries: {
      deliberation: [
        { from: 'opinionCollection', event: 'collection.complete', when: (_, b) => (b.context as { opinions: number }).opinions > 0 },
        { from: 'partyReview', event: 'review.return' },
        { from: 'evaluation', event: 'evaluation.submit', when: (p, b) => (p.satisfactionPercent as number) < threshold(b) },
      ],
      partyReview: [{ from: 'deliberation', event: 'meeting.closed', when: passedBy('resident_council', 'residents_assembly') }],
      implementation: [{ from: 'partyReview', event: 'review.approve' }],
      evaluation: [{ from: 'implementation', event: 'implementation.report' }],
      closed: [{ from: 'evaluation', event: 'evaluation.submit', when: (p, b) => (p.satisfactionPercent as number) >= threshold(b) }],
      rejected: [{ from: 'partyReview', event: 'review.reject' }],
      withdrawn: [{ from: 'opinionCollection', event: 'case.withdraw' }],
    },
    orderBefore: {
      partyReview: ['opinionCollection', 'deliberation'],
      implementation: ['opinionCollection', 'deliberation', 'partyReview'],
      closed: ['opinionCollection', 'deliberation', 'partyReview', 'implementation', 'evaluation'],
    },
  },
  'one-report-four-deliberations': {
    entries: {
      reported: [{ from: 'drafting', event: 'report.submit' }],
      drafting: [{ from: 'reported', event: 'report.return' }],
      proposing: [{ from: 'reported', event: 'report.approve' }],
      discussing: [
        { from: 'proposing', event: 'meeting.closed', when: passedBy('party_organisation_meeting') },
        { from: 'resolutionPublished', event: 'objection.uphold' },
      ],
      reviewing: [{ from: 'discussing', event: 'meeting.closed', when: passedBy('two_committee_joint_meeting') }],
      resolving: [{ from: 'reviewing', event: 'meeting.closed', when: passedBy('party_member_assembly') }],
      resolutionPublished: [
        { from: 'resolving', event: 'meeting.closed', when: passedBy('villager_representative_meeting', 'villagers_assembly') },
      ],
      implementing: [...noticeEnds('resolutionPublished'), { from: 'resultPublished', event: 'objection.uphold' }],
      resultPublished: [{ from: 'implementing', event: 'implementation.report' }],
      closed: noticeEnds('resultPublished'),
      stopped: ['drafting', 'proposing', 'discussing', 'reviewing', 'resolving'].map((from) => ({ from, event: 'case.stop' })),
    },
    orderBefore: {
      proposing: ['drafting', 'reported'],
      resolutionPublished: ['drafting', 'reported', 'proposing', 'discussing', 'reviewing', 'resolving'],
      implementing: ['reported', 'proposing', 'discussing', 'reviewing', 'resolving', 'resolutionPublished'],
      closed: ['reported', 'proposing', 'discussing', 'reviewing', 'resolving', 'resolutionPublished', 'implementing', 'resultPublished'],
    },
  },
  'five-party-joint': {
    entries: {
      jointMeeting: [{ from: 'issueRaised', event: 'issue.accept' }],
      decided: [{ from: 'jointMeeting', event: 'meeting.closed', when: passedBy('five_party_joint_meeting') }],
      implementing: [{ from: 'decided', event: 'implementation.assign' }],
      feedback: [{ from: 'implementing', event: 'implementation.report' }],
      closed: [{ from: 'feedback', event: 'feedback.report' }],
      rejected: [{ from: 'issueRaised', event: 'issue.reject' }],
      withdrawn: [{ from: 'issueRaised', event: 'case.withdraw' }],
      stopped: [{ from: 'jointMeeting', event: 'case.stop' }],
    },
    orderBefore: {
      implementing: ['issueRaised', 'jointMeeting', 'decided'],
      closed: ['issueRaised', 'jointMeeting', 'decided', 'implementing', 'feedback'],
    },
  },
};

/** The top-level state of a state value as a snapshot or an audit entry holds it (`{ publicNotice: 'running' }` → `publicNotice`). */
export const topLevelOf = (value: unknown): string =>
  typeof value === 'string' ? value : value !== null && typeof value === 'object' ? (Object.keys(value)[0] ?? '') : '';

export const topLevel = (snapshot: AnyMachineSnapshot): string => topLevelOf(snapshot.value as unknown);

/** Bounds the state space: counters matter only as zero / some, lists only as empty / not. */
const abstractContext = (context: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(context)
      .filter(([key]) => key !== 'config')
      .map(([key, value]) => {
        if (typeof value === 'number') return [key, Math.min(value, 1)];
        if (Array.isArray(value)) return [key, Math.min(value.length, 1)];
        if (typeof value === 'string' && key === 'lastReason') return [key, true];
        return [key, value];
      }),
  );
export const serializeState = (snapshot: AnyMachineSnapshot): string =>
  JSON.stringify({ value: snapshot.value as unknown, context: abstractContext(snapshot.context as Record<string, unknown>) });
export const serializeEvent = (event: { type: string; payload?: unknown }): string => JSON.stringify(event);

/** Does `required` appear, in order, as a subsequence of `history`? */
const inOrder = (history: readonly string[], required: readonly string[]): boolean => {
  let i = 0;
  for (const state of history) if (state === required[i]) i += 1;
  return i === required.length;
};


export type Path = StatePath<AnyMachineSnapshot, CaseEvent>;
export type Adjacency = Record<
  string,
  { state: AnyMachineSnapshot; transitions: Record<string, { event: CaseEvent; state: AnyMachineSnapshot }> }
>;

/** Explores a procedure: every simple path, the adjacency map, and the initial snapshot. */
export const exploreProcedure = (definition: ProcedureDefinition) => {
  const input = sampleInput(definition);
  const traversal = {
    input,
    events: (snapshot: AnyMachineSnapshot) => sampleEvents(definition, snapshot),
    serializeState,
    serializeEvent,
  };
  const paths = getSimplePaths(definition.machine, traversal) as Path[];
  const adjacency = getAdjacencyMap(definition.machine, traversal) as unknown as Adjacency;
  const initial: AnyMachineSnapshot = startCase(definition.machine, input).snapshot;
  return { traversal, paths, adjacency, initial };
};

/**
 * The law's verdict on one move between top-level steps: allowed only through one of its entries
 * (whose condition, if any, holds for the payload and the case before the move), and only once the
 * steps it requires have all happened, in order (`history` holds the steps so far, initial first).
 */
const moveViolations = (
  law: Law | undefined,
  move: { from: string; to: string; event: { type: string; payload: Record<string, unknown> }; before: AnyMachineSnapshot; history: readonly string[] },
): string[] => {
  const { from, to, event, before, history } = move;
  const found: string[] = [];
  const allowed = (law?.entries[to] ?? []).some((entry) => entry.from === from && entry.event === event.type && (entry.when?.(event.payload, before) ?? true));
  if (!allowed) found.push(`${from} --${event.type} ${JSON.stringify(event.payload)}--> ${to}`);
  const required = law?.orderBefore[to];
  if (required && !inOrder(history, required)) found.push(`${to} entered before ${required.join(' → ')}: ${history.join(' → ')}`);
  return found;
};

/** Every step of every path that enters a step in a way the law does not allow, or out of order. */
export const lawViolations = (definition: ProcedureDefinition, paths: readonly Path[], initial: AnyMachineSnapshot): string[] => {
  const law = LAW[definition.id];
  const violations = new Set<string>();
  for (const path of paths) {
    let before = initial;
    const history = [topLevel(initial)];
    for (const { event, state } of path.steps) {
      const from = topLevel(before);
      const to = topLevel(state);
      if (from !== to) {
        for (const v of moveViolations(law, { from, to, event, before, history })) violations.add(v);
        history.push(to);
      }
      before = state;
    }
  }
  return [...violations];
};

/**
 * The steps of a procedure no way leads out of, by the law: a case there has ended (every final
 * state of the statechart should be one, and no other).
 */
export const lawEndStates = (procedureId: string): string[] => {
  const law = LAW[procedureId];
  if (!law) return [];
  const entries = Object.entries(law.entries);
  const leaves = new Set(entries.flatMap(([, list]) => list.map((entry) => entry.from)));
  return entries.map(([to]) => to).filter((to) => !leaves.has(to));
};

/** One accepted event as a case's audit trail records it: state values before and after. */
export interface TrailStep {
  /** The entry's case sequence, to name it in violations (else its place among the steps). */
  readonly caseSeq?: number;
  readonly stateBefore: unknown;
  readonly event: { readonly type: string; readonly payload: Record<string, unknown> };
  readonly stateAfter: unknown;
}

/**
 * Checks the moves a case actually made (its accepted events, in order, from its audit trail)
 * against the law: each step recorded in the state the previous one left the case in, nothing
 * accepted after the case ended, and every move between top-level steps allowed by the law and in
 * order. The law's conditions read the case as it was before each move (findings, opinions, the
 * configured threshold): that case is rebuilt by stepping the statechart from `input` through the
 * same events; a recorded event the statechart refuses is a violation too.
 */
export const trailViolations = (
  definition: ProcedureDefinition,
  input: { readonly config: Record<string, unknown>; readonly unitKind: string },
  steps: readonly TrailStep[],
): string[] => {
  const law = LAW[definition.id];
  if (!law) return [`no law is written down for ${definition.id}`];
  const ends = lawEndStates(definition.id);
  const violations: string[] = [];
  let before: AnyMachineSnapshot = startCase(definition.machine, input).snapshot;
  let current = topLevel(before);
  const history = [current];
  steps.forEach((step, index) => {
    const n = step.caseSeq === undefined ? `step ${index + 1}` : `entry ${step.caseSeq}`;
    const event = { type: step.event.type, payload: step.event.payload };
    const from = topLevelOf(step.stateBefore);
    const to = topLevelOf(step.stateAfter);
    if (from !== current) violations.push(`${n} (${event.type}) is recorded in ${from}, but the case was in ${current}`);
    if (ends.includes(from)) violations.push(`${n}: ${event.type} accepted after the case ended in ${from}`);
    if (from !== to) {
      for (const v of moveViolations(law, { from, to, event, before, history })) violations.push(`${n}: ${v}`);
      history.push(to);
    }
    const replayed = stepCase(definition.machine, before, event);
    if (replayed.kind === 'accepted') before = replayed.snapshot;
    else violations.push(`${n}: the statechart does not accept ${event.type} there (${replayed.kind})`);
    current = to;
  });
  return violations;
};
