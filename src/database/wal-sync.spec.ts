import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fsyncFile, WalSync, WalSyncFailedError } from './wal-sync.js';

/** An fsync the test holds: each call waits until the test resolves or fails it. */
const heldSync = () => {
  const calls: { path: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  const sync = (path: string) => new Promise<void>((resolve, reject) => calls.push({ path, resolve, reject }));
  return { calls, sync };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Records the order in which promises settle. */
const track = (log: string[], name: string, promise: Promise<void>) =>
  promise.then(
    () => log.push(`${name} ok`),
    (error: Error) => log.push(`${name} ${error.name}`),
  );

describe(WalSync.name, () => {
  it('answers a commit only after an fsync that started after it has completed', async () => {
    const held = heldSync();
    const sut = new WalSync('/data/db.sqlite-wal', held.sync);
    const log: string[] = [];
    sut.committed();
    void track(log, 'first', sut.durable());
    await flush();
    expect(held.calls.map((c) => c.path)).toEqual(['/data/db.sqlite-wal']);
    expect(log).toEqual([]);

    // a second commit while the first fsync is in flight: that fsync does not cover it
    sut.committed();
    void track(log, 'second', sut.durable());
    held.calls[0]?.resolve();
    await flush();
    expect(log).toEqual(['first ok']);
    expect(held.calls).toHaveLength(2);

    held.calls[1]?.resolve();
    await flush();
    expect(log).toEqual(['first ok', 'second ok']);
  });

  it('covers every commit counted before the fsync started with one fsync, in commit order', async () => {
    const held = heldSync();
    const sut = new WalSync('wal', held.sync);
    const log: string[] = [];
    sut.committed();
    sut.committed();
    for (const name of ['a', 'b', 'c']) void track(log, name, sut.durable());
    await flush();
    expect(held.calls).toHaveLength(1);
    held.calls[0]?.resolve();
    await flush();
    expect(log).toEqual(['a ok', 'b ok', 'c ok']);
    expect(held.calls).toHaveLength(1);
  });

  it('resolves at once when every commit is already synced', async () => {
    const held = heldSync();
    const sut = new WalSync('wal', held.sync);
    await expect(sut.durable()).resolves.toBeUndefined();
    expect(held.calls).toHaveLength(0);
  });

  it('after a failed fsync refuses the waiting commits and every later one, without trying again', async () => {
    const held = heldSync();
    const sut = new WalSync('wal', held.sync);
    const log: string[] = [];
    sut.committed();
    void track(log, 'first', sut.durable());
    await flush();
    sut.committed();
    void track(log, 'second', sut.durable());
    held.calls[0]?.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await flush();
    expect(log).toEqual(['first WalSyncFailedError', 'second WalSyncFailedError']);
    expect(sut.failed).toBeInstanceOf(WalSyncFailedError);
    sut.committed();
    await expect(sut.durable()).rejects.toBeInstanceOf(WalSyncFailedError);
    expect(held.calls).toHaveLength(1);
  });

  it('treats a vanished WAL as synced only when told the database was closed (a close checkpoints and syncs)', async () => {
    const gone = () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    const closed = new WalSync('wal', gone, () => true);
    closed.committed();
    await expect(closed.durable()).resolves.toBeUndefined();
    const open = new WalSync('wal', gone, () => false);
    open.committed();
    await expect(open.durable()).rejects.toBeInstanceOf(WalSyncFailedError);
  });

  it('idle() waits for the fsync in flight and the ones queued behind it', async () => {
    const held = heldSync();
    const sut = new WalSync('wal', held.sync);
    sut.committed();
    const first = sut.durable();
    await flush();
    sut.committed();
    const second = sut.durable();
    let idle = false;
    void sut.idle().then(() => (idle = true));
    held.calls[0]?.resolve();
    await flush();
    expect(idle).toBe(false);
    held.calls[1]?.resolve();
    await Promise.all([first, second]);
    await flush();
    expect(idle).toBe(true);
  });
});

describe(fsyncFile.name, () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fsyncs an existing file, keeps it open, and fails for a missing one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'minyi-wal-sync-'));
    const path = join(dir, 'db.sqlite-wal');
    writeFileSync(path, 'frames');
    const sut = fsyncFile();
    await expect(sut(path)).resolves.toBeUndefined();
    // the same file even after its name is gone (SQLite never does that while the database is open)
    rmSync(path);
    await expect(sut(path)).resolves.toBeUndefined();
    await sut.close();
    await expect(sut(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(sut(join(dir, 'missing-wal'))).rejects.toMatchObject({ code: 'ENOENT' });
    await sut.close();
  });
});
