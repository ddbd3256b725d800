import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProcedure } from '../../workflows/core/describe.js';
import { getProcedure } from '../../workflows/registry.js';
import type { ProcedureDefinition } from '../../workflows/core/procedure.js';
import type { Caller } from '../support/api.js';
import { buildCaseOrg, type CaseOrg } from '../support/case-org.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('procedures over HTTP: read from the statecharts', () => {
  let t: TestApp;
  let org: CaseOrg;
  let clerk: Caller;
  beforeAll(async () => {
    t = await startTestApp();
    org = await buildCaseOrg(t);
    clerk = org.people.clerk.caller;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the four procedures with their versions and where they apply', async () => {
    const res = await clerk.get('/api/procedures').expect(200);
    expect((res.body as { id: string }[]).map((p) => p.id)).toEqual(['five-step', 'four-plus-five', 'one-report-four-deliberations', 'five-party-joint']);
    expect(res.body).toContainEqual(expect.objectContaining({ id: 'four-plus-five', versions: [1], appliesTo: { unitKinds: ['community', 'grid', 'building'], settings: ['open'] } }));
  });

  it('describes a procedure exactly as its statechart declares it', async () => {
    const res = await clerk.get('/api/procedures/one-report-four-deliberations?version=1').expect(200);
    const expected = JSON.parse(JSON.stringify(describeProcedure(getProcedure('one-report-four-deliberations') as ProcedureDefinition))) as Record<string, unknown>;
    expect(res.body).toEqual({ ...expected, versions: [1] });
    const events = (res.body as { events: { type: string; systemOnly: boolean }[] }).events;
    expect(events.find((e) => e.type === 'meeting.closed')?.systemOnly).toBe(true);
  });

  it('answers 404 for an unknown procedure or version, 400 for a malformed version', async () => {
    expect((await clerk.get('/api/procedures/seven-step').expect(404)).body).toMatchObject({ code: 'PROCEDURE_NOT_FOUND' });
    await clerk.get('/api/procedures/five-step?version=9').expect(404);
    await clerk.get('/api/procedures/five-step?version=one').expect(400);
  });

  it('draws the diagram in zh-CN (en on request) and highlights a case’s current state', async () => {
    const plain = (await clerk.get('/api/procedures/five-step/diagram').expect(200)).body as { mermaid: string; highlighted: string[] };
    expect(plain.mermaid).toContain('stateDiagram-v2');
    expect(plain.mermaid).toContain('"选题"');
    expect(plain.highlighted).toEqual([]);
    expect(((await clerk.get('/api/procedures/five-step/diagram?lang=en').expect(200)).body as { mermaid: string }).mermaid).toContain('"Topic selection"');
    const created = await clerk.post('/api/cases', { procedure: 'five-step', unitId: org.units.feicuijun, title: '议题', description: '说明' }).expect(201);
    const id = (created.body as { id: string }).id;
    await clerk.post(`/api/cases/${id}/events`, { type: 'topic.accept', payload: {} }).expect(200);
    const lit = (await clerk.get(`/api/procedures/five-step/diagram?caseId=${id}`).expect(200)).body as { mermaid: string; highlighted: string[] };
    expect(lit.highlighted).toEqual(['research']);
    expect(lit.mermaid).toContain('class research current');
    await org.people.outsider.caller.get(`/api/procedures/five-step/diagram?caseId=${id}`).expect(404);
    await clerk.get(`/api/procedures/four-plus-five/diagram?caseId=${id}`).expect(404);
    await clerk.get('/api/procedures/five-step/diagram?caseId=nope').expect(400);
    await clerk.get('/api/procedures/five-step/diagram?lang=fr').expect(400);
  });
});
