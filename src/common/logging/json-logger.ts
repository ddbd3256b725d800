import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../../config/env.schema.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie/i;

/** Replaces the value of any key that looks like a secret, however deep, so logs never carry one. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
};

const CHATTY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

type Sink = (line: string) => void;

/**
 * Structured logs: one JSON object per line on stdout, `{ time, level, context, msg, ...fields }`.
 * Used as Nest's logger and directly by services that log events (`logger.event(...)`).
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly sink: Sink = (line) => process.stdout.write(`${line}\n`),
  ) {}

  event(level: Exclude<LogLevel, 'silent'>, msg: string, fields: Record<string, unknown> = {}, context?: string): void {
    if (RANK[level] < RANK[this.level]) return;
    const record = {
      time: new Date().toISOString(),
      level,
      ...(context === undefined ? {} : { context }),
      msg,
      ...(redact(fields) as Record<string, unknown>),
    };
    this.sink(JSON.stringify(record));
  }

  log(message: unknown, ...rest: unknown[]): void {
    // Nest's start-up chatter (one line per module and route) is detail, not news
    const context = rest[rest.length - 1];
    this.nest(typeof context === 'string' && CHATTY.has(context) ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.nest('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.nest('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.nest('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.nest('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.nest('error', message, rest);
  }

  /** Nest calls `log(message, context)` or `error(message, stack, context)`. */
  private nest(level: Exclude<LogLevel, 'silent'>, message: unknown, rest: unknown[]): void {
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    if (message instanceof Error) {
      this.event(level, message.message, { error: message }, context);
    } else if (typeof message === 'object' && message !== null) {
      this.event(level, 'message' in message ? String(message.message) : 'log', message as Record<string, unknown>, context);
    } else {
      this.event(level, String(message), stack === undefined ? {} : { stack }, context);
    }
  }
}
