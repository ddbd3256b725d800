import { RouteConfig } from '@nestjs/platform-fastify';

/** Fastify route config: `false` when a GET waits for no fsync before it answers (see `NoDurableWait`). */
export interface DurableReadConfig {
  readonly durableRead?: boolean;
}

/**
 * Every GET and HEAD waits, before it answers, until every write committed so far is on disk
 * (app.factory.ts). A route that shows nothing the case writer commits and must answer even while
 * an fsync hangs — liveness — opts out with this.
 */
export const NoDurableWait = (): MethodDecorator & ClassDecorator => RouteConfig({ durableRead: false } satisfies DurableReadConfig);

/** Whether a request's route waits for durability (GET and HEAD, unless opted out). */
export const waitsForDurability = (method: string, config: unknown): boolean =>
  (method === 'GET' || method === 'HEAD') && (config as DurableReadConfig | undefined)?.durableRead !== false;
