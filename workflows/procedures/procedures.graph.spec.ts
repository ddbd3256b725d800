import { getSimplePaths } from 'xstate/graph';
import { afterAll, describe, expect, it } from 'vitest';
import { activeStatePaths, describeStates } from '../core/describe.js';
import type { ProcedureDefinition } from '../core/procedure.js';
import { persistSnapshot, restoreSnapshot, stepCase } from '../core/step.js';
import { PROCEDURE_VERSIONS, getProcedure } from '../registry.js';
import { LAW, exploreProcedure, lawViolations, serializeState, topLevel } from '../testing/procedure-law.js';
import { samplePayload } from '../testing/sample-events.js';

/**
 * Walks every simple path through every procedure version (delayed events such as
 * `notice.periodEnded` included: they are declared events the traversal feeds like any other) and
 * checks the law table of `workflows/testing/procedure-law.ts` against each step.
 */

const pathCounts: string[] = [];
afterAll(() => {
  console.log(`procedure graph: ${pathCounts.join('; ')}; ${pathCounts.reduce((n, s) => n + Number(/: (\d+) paths/.exec(s)?.[1] ?? 0), 0)} paths in all`);
});

describe.each(PROCEDURE_VERSIONS.map((definition) => [`${definition.id} v${definition.version}`, definition] as const))(
  'procedure %s',
  { timeout: 60_000 },
  (name, definition: ProcedureDefinition) => {
    const { paths, adjacency, initial } = exploreProcedure(definition);
    pathCounts.push(`${name}: ${paths.length} paths`);

    it('has a law table and a non-trivial number of paths to check', () => {
      expect(LAW[definition.id]).toBeDefined();
      console.log(`${name}: ${paths.length} paths, ${Object.keys(adjacency).length} distinct states`);
      expect(paths.length).toBeGreaterThan(10);
    });

    it('reaches every declared state', () => {
      const reached = new Set(Object.values(adjacency).flatMap(({ state }) => activeStatePaths(state)));
      const declared = describeStates(definition.machine).map((s) => s.path);
      expect(declared.filter((path) => !reached.has(path))).toEqual([]);
    });

    it('has no dead end: from every reachable state a final state can still be reached', () => {
      const reverse = new Map<string, Set<string>>();
      for (const [from, { transitions }] of Object.entries(adjacency)) {
        for (const { state } of Object.values(transitions)) {
          const to = serializeState(state);
          if (!reverse.has(to)) reverse.set(to, new Set());
          reverse.get(to)?.add(from);
        }
      }
      const canFinish = new Set(Object.entries(adjacency).filter(([, v]) => v.state.status === 'done').map(([key]) => key));
      const queue = [...canFinish];
      while (queue.length > 0) {
        const key = queue.pop() as string;
        for (const from of reverse.get(key) ?? []) {
          if (!canFinish.has(from)) {
            canFinish.add(from);
            queue.push(from);
          }
        }
      }
      const stuck = Object.entries(adjacency)
        .filter(([key]) => !canFinish.has(key))
        .map(([, v]) => JSON.stringify(v.state.value));
      expect(stuck).toEqual([]);
    });

    it('keeps ends terminal: a final state accepts no event at all', () => {
      const finals = Object.values(adjacency).filter(({ state }) => state.status === 'done');
      expect(finals.length).toBeGreaterThan(0);
      for (const { state } of finals) {
        for (const [type, decl] of Object.entries(definition.events)) {
          const result = stepCase(definition.machine, state, { type, payload: samplePayload(decl.payload) });
          expect(result.kind, `${JSON.stringify(state.value)} + ${type}`).toBe('not-accepted');
        }
      }
    });

    it('enters every step only the way the law allows, after every required step in order', () => {
      expect(lawViolations(definition, paths, initial)).toEqual([]);
    });

    it('round-trips the persisted snapshot through JSON at every step of every path', () => {
      // Paths share their step snapshots (the same objects recur across paths): each distinct
      // snapshot is checked once.
      const seen = new Set<object>();
      for (const path of paths) {
        for (const { state } of path.steps) {
          if (seen.has(state)) continue;
          seen.add(state);
          const persisted = persistSnapshot(definition.machine, state);
          const restored = restoreSnapshot(definition.machine, persisted);
          expect(restored.value).toEqual(state.value);
          expect(restored.context).toEqual(state.context);
          expect(restored.status).toEqual(state.status);
          expect(persistSnapshot(definition.machine, restored)).toEqual(persisted);
        }
      }
      expect(seen.size).toBeGreaterThan(0);
    });

    it('is deterministic: the same persisted snapshot and event give the same next snapshot and timers', () => {
      for (const path of paths.slice(0, 300)) {
        let live = initial;
        for (const { event } of path.steps) {
          const fromLive = stepCase(definition.machine, live, event);
          const fromRestored = stepCase(definition.machine, restoreSnapshot(definition.machine, persistSnapshot(definition.machine, live)), event);
          expect(fromRestored.kind).toBe(fromLive.kind);
          if (fromLive.kind !== 'accepted' || fromRestored.kind !== 'accepted') break;
          expect(persistSnapshot(definition.machine, fromRestored.snapshot)).toEqual(persistSnapshot(definition.machine, fromLive.snapshot));
          expect(fromRestored.timers).toEqual(fromLive.timers);
          live = fromLive.snapshot;
        }
      }
    });
  },
);

describe('one-report-four-deliberations, specifically', () => {
  const definition = getProcedure('one-report-four-deliberations') as ProcedureDefinition;
  const { paths, traversal } = exploreProcedure(definition);

  it('never takes a meeting result before the township approved the report', () => {
    let meetings = 0;
    for (const path of paths) {
      const approvedAt = path.steps.findIndex((s) => s.event.type === 'report.approve');
      const firstMeeting = path.steps.findIndex((s) => s.event.type === 'meeting.closed');
      if (firstMeeting < 0) continue;
      meetings += 1;
      expect(approvedAt).toBeGreaterThanOrEqual(0);
      expect(approvedAt).toBeLessThan(firstMeeting);
    }
    expect(meetings).toBeGreaterThan(0);
  });

  it('never closes without both publications', () => {
    const closing = getSimplePaths(definition.machine, { ...traversal, toState: (s) => s.matches('closed') });
    expect(closing.length).toBeGreaterThan(0);
    for (const path of closing) {
      const visited = path.steps.map((s) => topLevel(s.state));
      expect(visited).toContain('resolutionPublished');
      expect(visited).toContain('resultPublished');
    }
  });
});
