import type { DataSource } from 'typeorm';
import { expect } from 'vitest';
import { rawQuery } from '../../src/database/raw-query.js';
import { Clock } from '../../src/timers/clock.js';
import { as, createPerson, createUnit, type Caller } from './api.js';
import type { TestApp } from './test-app.js';

/**
 * A village with the people its bodies need, for meeting tests: party-branch members (the first
 * one signs in: they convene the branch's meetings), village-committee members (the first signs
 * in), villager representatives and party members. `logins` members of each role also sign in,
 * for ballots cast by the members themselves.
 */
export interface MeetingVillage {
  readonly unit: string;
  readonly branch: { readonly ids: string[]; readonly callers: Caller[] };
  readonly committee: { readonly ids: string[]; readonly callers: Caller[] };
  readonly representatives: string[];
  readonly partyMembers: string[];
}

export const buildMeetingVillage = async (
  t: TestApp,
  root: Caller,
  parentId: string,
  tag: string,
  sizes: { branch: number; committee: number; representatives: number; partyMembers: number; logins?: number },
): Promise<MeetingVillage> => {
  const unit = await createUnit(root, { name: `${tag}村`, kind: 'village', parentId, households: 300, adultPopulation: 800 });
  const people = async (role: string, count: number, logins: number) => {
    const ids: string[] = [];
    const callers: Caller[] = [];
    for (let i = 0; i < count; i += 1) {
      const username = `${tag}.${role.replace(/_/g, '')}.${i}`;
      ids.push((await createPerson(root, { username, unitId: unit, role })).id);
      if (i < logins) callers.push(as(t.http, await t.login(username, 'password-1234')));
    }
    return { ids, callers };
  };
  const logins = sizes.logins ?? 1;
  return {
    unit,
    branch: await people('party_branch', sizes.branch, logins),
    committee: await people('village_committee', sizes.committee, logins),
    representatives: (await people('villager_representative', sizes.representatives, 0)).ids,
    partyMembers: (await people('party_member', sizes.partyMembers, 0)).ids,
  };
};

export interface MeetingBody {
  id: string;
  status: string;
  passed: boolean | null;
  body: string;
  figures: { expected: number | null; present: number | null; recused: number; ballotsCast: number; votes: { for: number; against: number; abstain: number } | null };
  result: { quorum: { met: boolean }; passed: boolean; rule: { id: string; source: string }; figures: { ratio: string; quorumBase: number } } | null;
  members: { personId: string; attendance: string; recused: boolean; choice?: string | null; voted?: boolean }[];
  composition: { warnings: { code: string }[] } | null;
  rule: { id: string; source: string; citation: { zh: string; en: string } };
}

export type VoteSpec =
  | { mode: 'tally'; for: number; against: number; abstain: number }
  | { mode: 'named'; ballots: [string, 'for' | 'against' | 'abstain'][] }
  | undefined;

export const ok = async <T = MeetingBody>(test: PromiseLike<{ status: number; body: unknown }>, status = 200): Promise<T> => {
  const res = await test;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
};

export const nowIso = (t: TestApp): string => t.app.get(Clock).nowIso();

/** Convenes, opens, takes attendance (named ids or counts), recusals, votes and closes one meeting. */
export const holdMeeting = async (
  t: TestApp,
  caller: Caller,
  caseId: string,
  spec: {
    body: string;
    present?: string[];
    counts?: { present: number; householdsRepresented?: number };
    recused?: string[];
    vote?: VoteSpec;
    convene?: Record<string, unknown>;
  },
): Promise<MeetingBody> => {
  const meeting = await ok(caller.post(`/api/cases/${caseId}/meetings`, { body: spec.body, scheduledAt: nowIso(t), place: '村委会会议室', motion: '审议方案', ...spec.convene }), 201);
  await ok(caller.post(`/api/meetings/${meeting.id}/open`, { chair: '主持人', recorder: '记录人' }));
  if (spec.present) {
    await ok(caller.post(`/api/meetings/${meeting.id}/attendance`, { entries: spec.present.map((personId) => ({ personId, status: 'present', signed: true })) }));
  }
  if (spec.counts) await ok(caller.post(`/api/meetings/${meeting.id}/attendance`, spec.counts));
  for (const personId of spec.recused ?? []) await ok(caller.post(`/api/meetings/${meeting.id}/recusals`, { personId, reason: '近亲属在受益名单上' }));
  if (spec.vote) {
    await ok(caller.post(`/api/meetings/${meeting.id}/voting`, { mode: spec.vote.mode }));
    if (spec.vote.mode === 'tally') {
      await ok(caller.post(`/api/meetings/${meeting.id}/tally`, { for: spec.vote.for, against: spec.vote.against, abstain: spec.vote.abstain }));
    } else {
      for (const [personId, choice] of spec.vote.ballots) await ok(caller.post(`/api/meetings/${meeting.id}/ballots`, { personId, choice }));
    }
  }
  return ok(caller.post(`/api/meetings/${meeting.id}/close`, {}));
};

export const caseState = async (caller: Caller, id: string): Promise<unknown> =>
  ((await ok<{ state: { value: unknown } }>(caller.get(`/api/cases/${id}`))).state.value);

export const sendEvent = async (caller: Caller, id: string, type: string, payload: Record<string, unknown> = {}): Promise<void> => {
  await ok(caller.post(`/api/cases/${id}/events`, { type, payload }));
};

/** Everything the database holds: audit entries and the meeting tables, to prove a refusal wrote nothing. */
export const databaseFootprint = async (dataSource: DataSource): Promise<string> => {
  const tables = ['audit_entries', 'meetings', 'meeting_members', 'meeting_ballots', 'meeting_secret_voters', 'meeting_secret_counts', 'meeting_corrections', 'cases'];
  const counts: Record<string, unknown> = {};
  for (const table of tables) counts[table] = await rawQuery(dataSource, `SELECT * FROM ${table} ORDER BY 1, 2`);
  return JSON.stringify(counts);
};

export const expectRefused = async (
  dataSource: DataSource,
  request: () => PromiseLike<{ status: number; body: unknown }>,
  status: number,
  code: string,
): Promise<void> => {
  const before = await databaseFootprint(dataSource);
  const res = await request();
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
  expect((res.body as { message: { zh: string; en: string } }).message.zh.length).toBeGreaterThan(0);
  expect((res.body as { message: { zh: string; en: string } }).message.en.length).toBeGreaterThan(0);
  expect(await databaseFootprint(dataSource)).toBe(before);
};
