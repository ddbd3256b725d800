import { describe, expect, it } from 'vitest';
import { JsonLogger } from './json-logger.js';

describe(JsonLogger.name, () => {
  const build = (level: 'info' | 'warn' = 'info') => {
    const lines: string[] = [];
    return { sut: new JsonLogger(level, (line) => lines.push(line)), lines };
  };

  it('writes one JSON object per line with time, level, context and message', () => {
    const { sut, lines } = build();
    sut.event('info', 'signed in', { username: 'wang' }, 'Auth');
    const record = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'info', context: 'Auth', msg: 'signed in', username: 'wang' });
    expect(typeof record.time).toBe('string');
  });

  it('never writes a password or token, however deep', () => {
    const { sut, lines } = build();
    sut.event('warn', 'x', { password: 'hunter2hunter2', body: { newPassword: 'p', accessToken: 't' } });
    expect(lines[0]).not.toMatch(/hunter2|"p"|"t"/);
    expect(lines[0]).toContain('[redacted]');
  });

  it('drops records below its level', () => {
    const { sut, lines } = build('warn');
    sut.log('hello', 'Ctx');
    sut.warn('careful', 'Ctx');
    expect(lines).toHaveLength(1);
  });
});
