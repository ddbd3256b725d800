import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { rawQuery } from '../database/raw-query.js';
import { Clock } from '../timers/clock.js';
import { readLatestCheckpointFile, writeLatestCheckpointFile } from './checkpoint-file.js';
import { CheckpointPublisher } from './checkpoint-publisher.js';
import { keyId, parseCheckpoint, rawPublicKey, signCheckpoint, verifierKey, verifyCheckpoint } from './checkpoint-note.js';
import { resolveSigningKey } from './checkpoint-key.js';
import { MerkleTree, auditLeafHash, verifyConsistency } from './merkle/index.js';
import { signStatement } from './archive/signed-statement.js';

export interface StoredCheckpoint {
  readonly treeSize: number;
  /** Lower-case hex. */
  readonly rootHash: string;
  readonly keyId: string;
  readonly signedAt: string;
  readonly reason: string;
  /** The signed note, exactly as signed (C2SP tlog-checkpoint + signed-note). */
  readonly note: string;
}

interface CheckpointRow {
  tree_size: number;
  root_hash: string;
  key_id: string;
  signed_at: string;
  reason: string;
  note: string;
}

export const CHECKPOINT_COLUMNS = 'tree_size, root_hash, key_id, signed_at, reason, note';
export const fromCheckpointRow = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: row.root_hash,
  keyId: row.key_id,
  signedAt: row.signed_at,
  reason: row.reason,
  note: row.note,
});

/** Entries whose commit asks for a checkpoint: a meeting closed (the case event, or the record after a step). */
export const CLOSING_EVENT_TYPES = ['meeting.closed', 'meeting.closedAfterStep'] as const;

export type CheckpointReason = 'periodic' | 'closed' | 'manual';

/**
 * Keeps the Merkle tree over all audit entries (leaves: the entries' hashes in global-sequence
 * order) in memory, catching up from the database, and signs checkpoints of it.
 *
 * When: on each tick (every MINYI_TIMER_POLL_MS, like the timer loop) it catches up and signs when
 * the tree grew and either a case or meeting closed since the last checkpoint (an entry after it
 * belongs to a case that is closed now, or is a `meeting.closed*` entry) or
 * MINYI_CHECKPOINT_INTERVAL_MS passed since the last one. The decision is read from the committed
 * entries, so nothing is added to the event write path and a crash between commit and signing
 * loses nothing: the next start signs.
 *
 * Never two checkpoints that disagree: before signing size N the latest stored checkpoint is
 * checked, and the copy of the latest kept in the data directory (outside the database, see
 * checkpoint-file.ts): its signature, and a consistency proof from its size to N against its root.
 * On any failure nothing is signed; the refusal is logged as an error and kept in `refusal`.
 */
@Injectable()
export class CheckpointService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(CheckpointService.name);
  private tree = new MerkleTree();
  private key!: KeyObject;
  private publicKeyRaw!: Buffer;
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<StoredCheckpoint | null> | undefined;
  private catching: Promise<number> | undefined;
  /** Why the last signing was refused, if it was. */
  refusal: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly publisher: CheckpointPublisher,
  ) {}

  onModuleInit(): void {
    const { key, source } = resolveSigningKey(this.config.audit.signingKey, this.config.dataDir);
    this.key = key;
    this.publicKeyRaw = rawPublicKey(key);
    if (source === 'generated') this.log.log(`generated the audit signing key ${this.verifierKey} in the data directory`);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runDue();
    const every = this.config.engine.timerPollMs > 0 ? this.config.engine.timerPollMs : this.config.audit.checkpointIntervalMs;
    if (every > 0) {
      this.handle = setInterval(() => {
        this.runDue().catch((error: unknown) => this.log.error(`checkpoint run failed: ${String(error)}`));
      }, every);
      this.handle.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running;
  }

  get name(): string {
    return this.config.audit.origin;
  }

  get publicKey(): Buffer {
    return this.publicKeyRaw;
  }

  get keyIdHex(): string {
    return keyId(this.name, this.publicKeyRaw).toString('hex');
  }

  get verifierKey(): string {
    return verifierKey(this.name, this.publicKeyRaw);
  }

  /** The checkpoint key, for the other statements it signs (archive manifests, receipts; archive/signed-statement.ts). */
  get statementKey(): { readonly name: string; readonly privateKey: KeyObject } {
    return { name: this.name, privateKey: this.key };
  }

  /** Signs a statement (its first line names its type, never the origin: it cannot pass for a checkpoint). */
  signStatement(lines: readonly string[]): string {
    return signStatement(lines, this.name, this.key);
  }

  /** Appends the committed entries after the tree's size (stops at a gap); returns the new size. */
  catchUp(): Promise<number> {
    this.catching ??= this.readNew().finally(() => {
      this.catching = undefined;
    });
    return this.catching;
  }

  private async readNew(): Promise<number> {
    for (;;) {
      const size = this.tree.size;
      const rows = await rawQuery<{ global_seq: number; hash: string }>(
        this.dataSource,
        'SELECT global_seq, hash FROM audit_entries WHERE global_seq > $1 ORDER BY global_seq LIMIT 5000',
        [size],
      );
      for (const row of rows) {
        if (Number(row.global_seq) !== this.tree.size + 1) return this.tree.size;
        this.tree.append(auditLeafHash(row.hash));
      }
      if (rows.length < 5000) return this.tree.size;
    }
  }

  /** The tree as caught up now (read-only use: roots and proofs). */
  async currentTree(): Promise<MerkleTree> {
    await this.catchUp();
    return this.tree;
  }

  async latest(): Promise<StoredCheckpoint | null> {
    const [row] = await rawQuery<CheckpointRow>(this.dataSource, `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1`);
    return row ? fromCheckpointRow(row) : null;
  }

  async atSize(size: number): Promise<StoredCheckpoint | null> {
    const [row] = await rawQuery<CheckpointRow>(this.dataSource, `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE tree_size = $1`, [size]);
    return row ? fromCheckpointRow(row) : null;
  }

  /** Signs when due (see the class comment); returns the checkpoint signed, if any. */
  runDue(): Promise<StoredCheckpoint | null> {
    this.running ??= this.signIfDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async signIfDue(): Promise<StoredCheckpoint | null> {
    await this.publisher.retry();
    const size = await this.catchUp();
    const latest = await this.latest();
    const from = latest?.treeSize ?? 0;
    if (size <= from) return null;
    const [closing] = await rawQuery<{ n: number }>(
      this.dataSource,
      `SELECT COUNT(*) AS n FROM audit_entries e JOIN cases c ON c.id = e.case_id
        WHERE e.global_seq > $1 AND e.global_seq <= $2 AND (c.status = 'closed' OR e.event_type IN ($3, $4))`,
      [from, size, ...CLOSING_EVENT_TYPES],
    );
    if (Number(closing?.n ?? 0) > 0) return this.sign('closed');
    const every = this.config.audit.checkpointIntervalMs;
    if (every > 0 && (latest === null || this.clock.now().getTime() - new Date(latest.signedAt).getTime() >= every)) return this.sign('periodic');
    return null;
  }

  /**
   * Signs a checkpoint of the tree as caught up now, unless it is not larger than the latest or
   * does not extend it (then refuses, loudly). Returns the checkpoint stored, or null.
   */
  async sign(reason: CheckpointReason): Promise<StoredCheckpoint | null> {
    const size = await this.catchUp();
    const latest = await this.latest();
    const outside = this.latestOutside();
    const candidates = [latest, outside].filter((c): c is StoredCheckpoint => c !== null);
    for (const candidate of candidates) {
      const problem = this.disagreement(candidate, size);
      if (problem !== null) {
        this.refusal = problem;
        this.log.error(`REFUSING TO SIGN a checkpoint of size ${size}: ${problem}`);
        return null;
      }
    }
    if (size === 0 || (latest !== null && latest.treeSize >= size)) return null;
    this.refusal = null;
    const root = this.tree.root(size);
    const note = signCheckpoint({ origin: this.config.audit.origin, size, root }, this.name, this.key);
    const checkpoint: StoredCheckpoint = { treeSize: size, rootHash: root.toString('hex'), keyId: this.keyIdHex, signedAt: this.clock.nowIso(), reason, note };
    await rawQuery(
      this.dataSource,
      'INSERT INTO audit_checkpoints (tree_size, root_hash, key_id, signed_at, reason, note) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tree_size) DO NOTHING',
      [checkpoint.treeSize, checkpoint.rootHash, checkpoint.keyId, checkpoint.signedAt, checkpoint.reason, checkpoint.note],
    );
    const stored = await this.atSize(size);
    if (stored !== null && stored.rootHash === checkpoint.rootHash) {
      writeLatestCheckpointFile(this.config.dataDir, stored.note);
      await this.publisher.publish(stored);
    }
    if (stored !== null && stored.rootHash !== checkpoint.rootHash) {
      // another instance signed this size with another root: never let that pass silently
      this.refusal = `a checkpoint of size ${size} with another root exists`;
      this.log.error(`CHECKPOINTS DISAGREE at size ${size}: stored ${stored.rootHash}, tree ${checkpoint.rootHash}`);
      return null;
    }
    return stored;
  }

  /** The checkpoint kept in the data directory (outside the database), if any. */
  private latestOutside(): StoredCheckpoint | null {
    const note = readLatestCheckpointFile(this.config.dataDir);
    if (note === null) return null;
    try {
      const parsed = parseCheckpoint(note);
      return { treeSize: parsed.size, rootHash: parsed.root.toString('hex'), keyId: '', signedAt: '', reason: 'file', note };
    } catch {
      return { treeSize: 0, rootHash: '', keyId: '', signedAt: '', reason: 'file', note };
    }
  }

  /** Why a new checkpoint of `size` would disagree with `latest`, or null. */
  private disagreement(latest: StoredCheckpoint, size: number): string | null {
    const check = verifyCheckpoint(latest.note, this.name, this.publicKeyRaw, this.config.audit.origin);
    if (!check.ok) return `the latest checkpoint (size ${latest.treeSize}) does not verify with this key: ${check.reason} ${check.detail}`;
    if (check.checkpoint.size !== latest.treeSize || check.checkpoint.root.toString('hex') !== latest.rootHash) return `the latest checkpoint's row does not match its note`;
    if (latest.treeSize > size) return `the tree has ${size} entries, fewer than the ${latest.treeSize} the latest checkpoint signed (entries removed or the database rolled back)`;
    const proof = this.tree.consistencyProof(latest.treeSize, size);
    if (!verifyConsistency(latest.treeSize, size, check.checkpoint.root, this.tree.root(size), proof)) {
      return `the tree of ${size} entries is not consistent with the latest checkpoint of size ${latest.treeSize} (entries altered, removed or reordered)`;
    }
    return null;
  }
}
