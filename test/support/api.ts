import type { Agent, Test } from 'supertest';

/** Small helpers over supertest for an authenticated caller. */
export const as = (http: () => Agent, token: string) => ({
  get: (url: string): Test => http().get(url).set('authorization', `Bearer ${token}`),
  post: (url: string, body: unknown): Test => http().post(url).set('authorization', `Bearer ${token}`).send(body as object),
  patch: (url: string, body: unknown): Test => http().patch(url).set('authorization', `Bearer ${token}`).send(body as object),
  put: (url: string, body: unknown): Test => http().put(url).set('authorization', `Bearer ${token}`).send(body as object),
  delete: (url: string): Test => http().delete(url).set('authorization', `Bearer ${token}`),
});

export type Caller = ReturnType<typeof as>;

/** Creates a unit and returns its id (throws with the response on failure). */
export const createUnit = async (caller: Caller, body: Record<string, unknown>): Promise<string> => {
  const res = await caller.post('/api/units', { households: 100, adultPopulation: 200, ...body });
  if (res.status !== 201) throw new Error(`create unit → ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
};

/** Creates a person homed at a unit, optionally with a role there; returns the person id. */
export const createPerson = async (
  caller: Caller,
  { username, unitId, role, password = 'password-1234' }: { username: string; unitId: string; role?: string; password?: string },
): Promise<{ id: string; assignmentId?: string }> => {
  const res = await caller.post('/api/people', { name: username, username, password, unitId });
  if (res.status !== 201) throw new Error(`create person → ${res.status} ${JSON.stringify(res.body)}`);
  const id = (res.body as { id: string }).id;
  if (role === undefined) return { id };
  const assigned = await caller.post(`/api/people/${id}/roles`, { role, unitId });
  if (assigned.status !== 201) throw new Error(`assign role → ${assigned.status} ${JSON.stringify(assigned.body)}`);
  return { id, assignmentId: (assigned.body as { id: string }).id };
};
