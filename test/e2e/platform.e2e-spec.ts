import helmet from '@fastify/helmet';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyString } from '../support/matchers.js';
import { HELMET_OPTIONS } from '../../src/app.factory.js';
import { UnitEntity } from '../../src/org/unit.entity.js';
import { resetPostgres } from '../support/reset-database.js';
import { ROOT_PASSWORD, ROOT_USERNAME, startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}

describe('platform: health, docs, headers, request ids, malformed requests', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = await t.login(ROOT_USERNAME, ROOT_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('GET /health answers ok without a token when the database is reachable', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', writer: 'ok', checkpoints: { lastSigned: null, signingRefused: null, publication: { targets: [] } } });
  });

  it('GET /docs serves the Swagger UI page', async () => {
    const res = await t.http().get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger/i);
  });

  it('GET /docs/json documents every route with request and response schemas', async () => {
    const res = await t.http().get('/docs/json').expect(200);
    const paths = (res.body as { paths: Record<string, Record<string, Operation>> }).paths;
    const routes = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
    expect(routes.map((r) => r.route).sort()).toEqual(
      [
        'GET /health',
        'POST /api/auth/login',
        'GET /api/me',
        'POST /api/units',
        'GET /api/units',
        'GET /api/units/{id}',
        'PATCH /api/units/{id}',
        'GET /api/units/{id}/children',
        'POST /api/people',
        'GET /api/people',
        'GET /api/people/{id}',
        'PATCH /api/people/{id}',
        'GET /api/people/{id}/roles',
        'POST /api/people/{id}/roles',
        'DELETE /api/people/{id}/roles/{assignmentId}',
        'POST /api/cases',
        'GET /api/cases',
        'GET /api/cases/{id}',
        'POST /api/cases/{id}/events',
        'GET /api/cases/{id}/audit',
        'GET /api/cases/{id}/audit/verify',
        'GET /api/audit/verify',
        'GET /api/audit/public-key',
        'GET /api/audit/checkpoints/latest',
        'GET /api/audit/checkpoints',
        'GET /api/audit/entries/{globalSeq}/proof',
        'GET /api/audit/consistency',
        'GET /api/cases/{id}/archive',
        'GET /api/units/{id}/archive',
        'GET /api/cases/{id}/audit/{caseSeq}/receipt',
        'GET /api/procedures',
        'GET /api/procedures/{id}',
        'GET /api/procedures/{id}/diagram',
        'GET /api/units/{id}/bodies',
        'PATCH /api/units/{id}/bodies/{type}',
        'POST /api/cases/{id}/meetings',
        'GET /api/cases/{id}/meetings',
        'GET /api/meetings/{id}',
        'POST /api/meetings/{id}/open',
        'POST /api/meetings/{id}/attendance',
        'POST /api/meetings/{id}/recusals',
        'POST /api/meetings/{id}/voting',
        'POST /api/meetings/{id}/ballots',
        'POST /api/meetings/{id}/tally',
        'POST /api/meetings/{id}/close',
        'POST /api/meetings/{id}/corrections',
        'GET /api/meetings/{id}/record',
        'GET /api/meetings/{id}/record.html',
        'GET /api/public/units/{id}/notices',
        'GET /api/public/units/{id}/notices.atom',
        'GET /api/public/notices/{id}',
        'GET /api/public/notices/{id}/objection-form',
        'POST /api/public/notices/{id}/objections',
        'GET /public/notices/{id}',
        'GET /public/units/{id}/notices',
        'GET /api/cases/{id}/notices',
        'GET /api/notices/{id}/objections',
        'POST /api/notices/{id}/extend',
        'GET /api/units/{id}/step-limits',
        'PUT /api/units/{id}/step-limits/{procedureId}/{state}',
        'DELETE /api/units/{id}/step-limits/{procedureId}/{state}',
        'GET /api/units/{id}/overdue',
        'POST /api/units/{id}/publications',
        'GET /api/units/{id}/publication-calendar',
        'PUT /api/units/{id}/publication-settings',
        'GET /api/units/{id}/settings-changes',
        'GET /api/units/{id}/publications/verify',
        'GET /api/public/units/{id}/publications',
        'GET /api/public/publications/{id}',
        'GET /public/publications/{id}',
        'GET /public/units/{id}/publications',
      ].sort(),
    );
    for (const { route, op } of routes) {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect(success.length, `${route} documents a success response`).toBeGreaterThan(0);
      for (const [status, response] of success) {
        // printable pages (the meeting record, public notices) are HTML; the notice feed is Atom
        const media = route.endsWith('.html') || route.startsWith('GET /public/') ? 'text/html' : route.endsWith('.atom') ? 'application/atom+xml' : route.endsWith('/archive') ? 'application/zip' : 'application/json';
        if (status !== '204') expect(response.content?.[media]?.schema, `${route} ${status} has a schema`).toBeDefined();
        // archives are binary: a zip documented as JSON or text would mislead every generated client
        if (media === 'application/zip') expect(response.content?.[media]?.schema, `${route} ${status} is binary`).toEqual({ type: 'string', format: 'binary' });
      }
      if (route.startsWith('POST') || route.startsWith('PATCH') || route.startsWith('PUT')) {
        expect(op.requestBody?.content?.['application/json']?.schema, `${route} has a request schema`).toBeDefined();
      }
      // the public notice board needs no sign-in
      const isPublic = route.includes(' /api/public/') || route.includes(' /public/');
      if (!['GET /health', 'POST /api/auth/login'].includes(route) && !isPublic) {
        expect(op.security, `${route} declares bearer auth`).toBeDefined();
        expect(op.responses['401'], `${route} documents 401`).toBeDefined();
      }
      if (isPublic) expect(op.security, `${route} is public: no bearer auth`).toBeUndefined();
    }
  });

  it('sets helmet security headers', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('sets exactly the headers @fastify/helmet itself sets with our options, on every kind of answer (they are computed once at start)', async () => {
    // the plugin, registered the ordinary way on a bare Fastify instance, answers one request
    const probe = new FastifyAdapter({ logger: false }).getInstance();
    await probe.register(helmet, HELMET_OPTIONS);
    probe.get('/', () => 'ok');
    const reference = (await probe.inject({ method: 'GET', url: '/' })).headers;
    await probe.close();
    const notHelmet = ['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'x-request-id', 'etag', 'content-disposition', 'vary', 'cache-control', 'last-modified', 'accept-ranges'];
    const helmetPart = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !notHelmet.includes(name)));
    const expected = helmetPart(reference);
    expect(Object.keys(expected)).toHaveLength(12);
    expect(expected['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    const answers = {
      health: await t.http().get('/health').expect(200),
      docs: await t.http().get('/docs').expect(200),
      unknownRoute: await t.http().get('/api/no-such-route').expect(404),
      noToken: await t.http().get('/api/me').expect(401),
      invalidBody: await t.http().post('/api/cases').set('Authorization', `Bearer ${token}`).send({ procedure: 7 }).expect(400),
    };
    for (const [name, res] of Object.entries(answers)) expect(helmetPart(res.headers as Record<string, unknown>), name).toEqual(expected);
  });

  it('returns a request id, keeps a well-formed one from the caller and replaces a bad one', async () => {
    const generated = await t.http().get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http().get('/health').set('X-Request-Id', 'trace-abc.123');
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const replaced = await t.http().get('/health').set('X-Request-Id', 'bad id\twith "stuff"');
    expect(replaced.headers['x-request-id']).not.toContain('bad');
    const error = await t.http().get('/api/me').set('X-Request-Id', 'trace-err');
    expect(error.body).toMatchObject({ requestId: 'trace-err' });
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND in the error shape', async () => {
    const res = await t.http().get('/api/nothing-here').set('authorization', `Bearer ${token}`).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: { zh: anyString(), en: anyString() } });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and writes nothing', async () => {
    const res = await t
      .http()
      .post('/api/units')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send('{"name": "天桥区", "kind": "district",')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    const list = await t.http().get('/api/units').set('authorization', `Bearer ${token}`).expect(200);
    expect(list.body).toMatchObject({ total: 0 });
  });

  it('refuses a non-JSON body with 415 and an oversized body with 413', async () => {
    const text = await t.http().post('/api/auth/login').set('content-type', 'text/plain').send('username=a').expect(415);
    expect(text.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const big = await t
      .http()
      .post('/api/auth/login')
      .send({ username: 'a', password: 'x'.repeat(100_000) })
      .expect(413);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('hides internals: no stack traces or SQL in error bodies', async () => {
    const res = await t.http().get('/api/units/not-a-uuid').set('authorization', `Bearer ${token}`).expect(400);
    expect(JSON.stringify(res.body)).not.toMatch(/stack|SELECT|at .*\.js/);
    expect(res.body).toMatchObject({ code: 'INVALID_ID', field: 'id' });
  });

  it('a where clause with undefined or null throws instead of matching every row', async () => {
    const units = t.app.get(DataSource).getRepository(UnitEntity);
    await expect(units.findOneBy({ id: undefined })).rejects.toThrow();
    await expect(units.findBy({ parentId: null as unknown as string })).rejects.toThrow();
  });

  it('the database reset helper refuses to run outside the test runner', async () => {
    const saved = process.env.VITEST;
    delete process.env.VITEST;
    try {
      await expect(resetPostgres('postgres://nobody@127.0.0.1:1/none')).rejects.toThrow(/refusing/);
    } finally {
      process.env.VITEST = saved;
    }
  });

  // last: it takes the database away
  it('GET /health answers 503 when the database is gone', async () => {
    await t.app.get(DataSource).destroy();
    const res = await t.http().get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', database: 'down' });
  });
});
