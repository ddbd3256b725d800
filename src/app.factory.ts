import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { CaseWriter } from './cases/case-writer.js';
import { CommonError, CommonErrorCode } from './common/errors/common-error.js';
import { waitsForDurability } from './common/http/durable-read.js';
import { errorBody } from './common/http/send-error.js';
import { findUnpairedSurrogate } from './common/validation/unpaired-surrogate.js';
import { AppConfig } from './config/app-config.js';
import { requestIdFor, REQUEST_ID_HEADER } from './common/http/request-id.js';
import { JsonLogger } from './common/logging/json-logger.js';
import { loadConfig } from './config/load-config.js';

/** Largest request body accepted; the biggest legitimate one (a person) is well under 1 KiB. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Our @fastify/helmet options. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  // the API docs page runs Swagger UI's inline bootstrap script and styles
  contentSecurityPolicy: {
    directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null },
  },
};

/**
 * The headers @fastify/helmet sets with `options`, with its own casing, found by letting the
 * plugin answer one request on a throw-away Fastify instance. Registered as a plugin it rebuilds
 * them — re-parsing the Content-Security-Policy — on every request (about 5 % of the server's CPU
 * under load), although without CSP nonces they never depend on the request.
 * `platform.e2e-spec.ts` checks the app's headers against the plugin's.
 */
export const helmetHeaders = async (options: FastifyHelmetOptions): Promise<[string, string][]> => {
  if ((options as { enableCSPNonces?: boolean }).enableCSPNonces) throw new Error('CSP nonces differ per request: register @fastify/helmet instead');
  const probe = new FastifyAdapter({ logger: false }).getInstance();
  await probe.register(helmet, options);
  let headers: [string, string][] = [];
  probe.get('/', (_request, reply) => {
    // as set, with helmet's casing (Node has it since 15.13; @types/node does not declare it)
    const raw = reply.raw as typeof reply.raw & { getRawHeaderNames(): string[] };
    headers = raw.getRawHeaderNames().map((name): [string, string] => {
      const value = reply.raw.getHeader(name);
      if (typeof value !== 'string') throw new Error(`@fastify/helmet set ${name} to a non-string`);
      return [name, value];
    });
    return '';
  });
  await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  if (headers.length === 0) throw new Error('@fastify/helmet set no headers');
  return headers;
};

/**
 * Builds the whole application exactly as production runs it: used by main.ts and by every
 * end-to-end test. Listening is left to the caller.
 */
export const createApp = async (): Promise<NestFastifyApplication> => {
  const config = loadConfig(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: requestIdFor,
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: new JsonLogger(config.logLevel),
    abortOnError: false,
  });
  const logger = app.get(JsonLogger);
  app.useLogger(logger);
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // Helmet's headers do not depend on the request: set the ones it computed once (see helmetHeaders)
  const securityHeaders = await helmetHeaders(HELMET_OPTIONS);
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    done();
  });
  // bodies are JSON only: anything else is a 415, not a string the validators puzzle over
  fastify.removeContentTypeParser('text/plain');
  // text that cannot be UTF-8 (an unpaired surrogate) is refused before any route reads it
  // (these hooks take Fastify's callback form rather than async functions: no promise per request)
  fastify.addHook('preValidation', (request, reply, done) => {
    const field = findUnpairedSurrogate(request.body);
    if (field === undefined) {
      done();
      return;
    }
    // answered here: Fastify stops the request's hooks and handler (done is not called)
    void reply.status(400).send(errorBody(400, new CommonError(CommonErrorCode.ValidationFailed, { field }), String(request.id)));
  });
  // A reader never sees a commit whose fsync is still running (SQLite: the writer commits with
  // NORMAL and fsyncs the WAL itself, ~1 ms later): every GET and HEAD — a case, its audit trail,
  // a proof, the public board, an archive — is sent only once what it read is on disk (liveness
  // opts out: NoDurableWait). Writes answer after their own fsync already (the writer's promise).
  // PostgreSQL: resolved at once.
  const writer = app.get(CaseWriter);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    if (!waitsForDurability(request.method, request.routeOptions.config)) {
      done(null, payload);
      return;
    }
    writer.durable().then(
      () => done(null, payload),
      (error: unknown) => {
        // the fsync failed: what was read may not be on disk; answered as the 500 any other failure is
        logger.event('error', 'read_not_durable', { requestId: request.id, error: String(error) }, 'http');
        void reply.status(500).header('content-type', 'application/json; charset=utf-8');
        done(null, JSON.stringify(errorBody(500, new CommonError(CommonErrorCode.InternalError), String(request.id))));
      },
    );
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const actor = (request as { actor?: { personId: string } }).actor;
    logger.event(
      reply.statusCode >= 500 ? 'error' : 'info',
      'request',
      {
        requestId: request.id,
        method: request.method,
        path: request.routeOptions.url ?? request.url.split('?')[0],
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
        ...(actor === undefined ? {} : { personId: actor.personId }),
      },
      'http',
    );
    done();
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('minyi 民议 API')
      .setDescription(
        'Organisation units, people, roles and sign-in. Errors share one shape: { statusCode, code, message: { zh, en }, field?, errors?, requestId }. Lists take ?page=&pageSize= and return { items, page, pageSize, total }.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json', yamlDocumentUrl: 'docs/yaml' });

  // resolve once so a bad configuration fails here, not on the first request
  app.get(AppConfig);
  return app;
};
