import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../timers/clock.js';
import { SqliteCaseWriter } from './sqlite-case-writer.js';

describe(SqliteCaseWriter.name, () => {
  let dir: string | undefined;
  const open = (pragmas: string[]) => {
    dir = mkdtempSync(join(tmpdir(), 'minyi-writer-'));
    const db = new Database(join(dir, 'db.sqlite'));
    for (const pragma of pragmas) db.pragma(pragma);
    return db;
  };
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('fsyncs the WAL itself on a WAL database opened with FULL (as the server opens it)', () => {
    const db = open(['journal_mode = WAL', 'synchronous = FULL']);
    const sut = new SqliteCaseWriter(db, new ManualClock());
    expect(sut.wal?.walPath).toBe(`${join(dir as string, 'db.sqlite')}-wal`);
    db.close();
  });

  it.each([
    ['a rollback journal', ['journal_mode = DELETE', 'synchronous = FULL']],
    ['synchronous = NORMAL configured', ['journal_mode = WAL', 'synchronous = NORMAL']],
  ])('keeps plain commits on %s (no NORMAL + fsync of its own)', (_name, pragmas) => {
    const db = open(pragmas);
    const sut = new SqliteCaseWriter(db, new ManualClock());
    expect(sut.wal).toBeUndefined();
    db.close();
  });

  it('keeps plain commits on an in-memory database', () => {
    const db = new Database(':memory:');
    expect(new SqliteCaseWriter(db, new ManualClock()).wal).toBeUndefined();
    db.close();
  });

  it('refuses a write once the database is closed, without leaving the connection at NORMAL or throwing out of the event loop', async () => {
    const db = open(['journal_mode = WAL', 'synchronous = FULL']);
    const sut = new SqliteCaseWriter(db, new ManualClock());
    db.close();
    await expect(sut.create(() => { throw new Error('not reached'); })).rejects.toThrow(/not open/);
  });

  it('restores the configured level after a refused batch', async () => {
    const db = open(['journal_mode = WAL', 'synchronous = FULL']);
    const sut = new SqliteCaseWriter(db, new ManualClock());
    // the schema is missing, so the batch's first statement fails and the whole batch is refused
    await expect(sut.create(() => { throw new Error('not reached'); })).rejects.toThrow(/no such table/);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });
});
