import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Makes a file's written data durable (fsync); injectable so tests can hold or fail it. */
export type SyncFile = (path: string) => Promise<void>;

/**
 * fsync of `path` on the libuv thread pool. fsync acts on the file, not the descriptor, so it
 * flushes what SQLite wrote through its own descriptor. The file is opened once and kept open:
 * while a connection holds the database open SQLite never deletes or replaces its WAL (it
 * truncates or rewrites the same file), so the path keeps naming the same file. When it is first
 * opened, its directory is fsynced too, so a new WAL's directory entry is durable (SQLite does
 * that as well when it writes a new WAL's header).
 */
export const fsyncFile = (): SyncFile & { close(): Promise<void> } => {
  let opened: { path: string; file: Promise<FileHandle> } | undefined;
  const fileFor = (path: string): Promise<FileHandle> => {
    if (opened?.path === path) return opened.file;
    const file = (async () => {
      const handle = await open(path, 'r');
      try {
        const dir = await open(dirname(path), 'r');
        try {
          await dir.sync();
        } finally {
          await dir.close();
        }
      } catch (error) {
        await handle.close();
        throw error;
      }
      return handle;
    })();
    opened = { path, file };
    // a failed open is not kept: the next sync tries again (and fails or succeeds on its own)
    file.catch(() => {
      if (opened?.file === file) opened = undefined;
    });
    return file;
  };
  const sync = async (path: string) => (await fileFor(path)).sync();
  return Object.assign(sync, {
    async close() {
      const file = opened?.file;
      opened = undefined;
      await (await file?.catch(() => undefined))?.close();
    },
  });
};

/** Thrown to every write waiting on, or coming after, an fsync that failed. */
export class WalSyncFailedError extends Error {
  constructor(readonly path: string, cause: unknown) {
    super(`fsync of ${path} failed: committed writes may not be on disk, so none is acknowledged until the server restarts (${String((cause as Error)?.message ?? cause)})`, { cause });
    this.name = 'WalSyncFailedError';
  }
}

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Durability of commits made with `synchronous = NORMAL` on a WAL database: such a COMMIT has
 * written its frames to the `-wal` file (page cache) without fsync. `committed()` counts one;
 * `durable()` resolves once an fsync of the WAL that *started after* that commit has completed.
 *
 * One fsync at a time: when it completes, every commit counted before it started is durable; the
 * waiters are resolved in commit order, and if more commits came meanwhile the next fsync starts
 * (so one fsync may cover many groups while the event loop keeps working). A failed fsync poisons
 * the tracker for good: after an fsync error Linux may have dropped the dirty pages, so nothing
 * written before it can be called durable again — every waiting and later `durable()` rejects
 * (PostgreSQL panics for the same reason). Restarting runs SQLite's recovery on what is on disk.
 */
export class WalSync {
  private commits = 0;
  private synced = 0;
  private inFlight: Promise<void> | undefined;
  private readonly waiters: Waiter[] = [];
  private failure: WalSyncFailedError | undefined;

  constructor(
    readonly walPath: string,
    /** The fsync; end-to-end tests replace it on the running app to hold or fail it. */
    public syncFile: SyncFile,
    /** An fsync that failed because the WAL is gone: true when that is fine (the database was closed, which checkpoints and syncs). */
    private readonly goneIsFine: () => boolean = () => false,
  ) {}

  get failed(): WalSyncFailedError | undefined {
    return this.failure;
  }

  /** Counts a COMMIT that may have left frames in the WAL without fsync. */
  committed(): void {
    this.commits += 1;
  }

  /** Resolves when every commit counted so far is on stable storage; rejects if an fsync failed. */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= this.commits) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ upTo: this.commits, resolve, reject });
      this.start();
    });
  }

  /** Resolves when nothing waits for an fsync any more (shutdown: before the database closes). */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private start(): void {
    if (this.inFlight || this.failure || this.waiters.length === 0) return;
    const upTo = this.commits;
    this.inFlight = this.syncFile(this.walPath)
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === 'ENOENT' && this.goneIsFine()) return;
        throw error;
      })
      .then(
        () => {
          this.synced = Math.max(this.synced, upTo);
          while (this.waiters.length > 0 && (this.waiters[0] as Waiter).upTo <= this.synced) (this.waiters.shift() as Waiter).resolve();
        },
        (error: unknown) => {
          this.failure = new WalSyncFailedError(this.walPath, error);
          for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
        },
      )
      .finally(() => {
        this.inFlight = undefined;
        this.start();
      });
  }
}
