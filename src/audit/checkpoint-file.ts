import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCheckpoint } from './checkpoint-note.js';

/**
 * The latest signed checkpoint is also kept outside the database, in the data directory beside
 * the key. A database restored from an earlier copy (or cut short) then no longer reaches the
 * checkpoint the file holds: `verify --database` reports it, and the server refuses to sign.
 */
export const LATEST_CHECKPOINT_FILE = 'audit-checkpoint-latest.txt';

export const readLatestCheckpointFile = (dataDir: string): string | null => {
  const file = join(dataDir, LATEST_CHECKPOINT_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
};

/** Replaces the file (atomically) when `note` is of a larger tree than the one it holds. */
export const writeLatestCheckpointFile = (dataDir: string, note: string): void => {
  const size = parseCheckpoint(note).size;
  const current = readLatestCheckpointFile(dataDir);
  if (current !== null) {
    try {
      if (parseCheckpoint(current).size >= size) return;
    } catch {
      // an unreadable file is replaced
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LATEST_CHECKPOINT_FILE);
  writeFileSync(`${file}.tmp`, note, { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
};
