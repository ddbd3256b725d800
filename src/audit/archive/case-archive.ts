import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CASE_COLUMNS, fromCaseRow, type CaseRecord, type CaseRow } from '../../cases/case-record.js';
import { rawQuery } from '../../database/raw-query.js';
import type { AuditEntry } from '../audit-entry.js';
import { AuditReader } from '../audit-reader.js';
import { openAuditSource } from '../audit-source.js';
import { rawPublicKey, verifierKey } from '../checkpoint-note.js';
import { MerkleTree, auditLeafHash } from '../merkle/index.js';
import { caseContentFiles, type ContentFile } from './archive-content.js';
import {
  ArchiveError,
  CASE_ARCHIVE_FORMAT,
  MAX_UNIT_ARCHIVE_CASES,
  UNIT_ARCHIVE_FORMAT,
  manifestStatementLines,
  type ArchiveManifest,
  type ConsistencyProofs,
  type InclusionProofs,
  type ManifestFile,
} from './archive-format.js';
import { archiveReadme } from './archive-readme.js';
import { signStatement } from './signed-statement.js';
import type { ZipFile } from './zip.js';
import type { AppConfig } from '../../config/app-config.js';

export { ArchiveError } from './archive-format.js';

/** The installation's checkpoint key: it signs the manifest. */
export interface ArchiveSigningKey {
  readonly name: string;
  readonly privateKey: KeyObject;
}

export interface ArchiveOptions {
  /** The installation's configuration: origin, public base URL. */
  readonly config: AppConfig;
  /** The server's in-memory tree (caught up); without it the tree is rebuilt from the entries. */
  readonly tree?: MerkleTree;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface SignedLog {
  readonly size: number;
  readonly rootHash: string;
  readonly note: string;
  readonly tree: MerkleTree;
  readonly earlier: readonly { readonly treeSize: number; readonly rootHash: string }[];
}

/**
 * The tree of the entries with global sequence ≤ `size`, in global order: their hashes read in
 * batches as arrays through the verifier's read-only view (audit-source.ts: on SQLite a connection
 * of its own), not a million row objects through TypeORM.
 */
const treeUpTo = async (dataSource: DataSource, size: number): Promise<MerkleTree> => {
  const tree = new MerkleTree();
  const source = await openAuditSource(dataSource);
  try {
    for await (const batch of source.hashes()) {
      for (const [seq, hash] of batch) {
        if (seq > size) return tree;
        tree.append(auditLeafHash(hash));
      }
    }
    return tree;
  } finally {
    await source.close();
  }
};

/** The latest signed checkpoint, which must cover `lastSeq`, and a tree that matches it. */
const signedLog = async (dataSource: DataSource, lastSeq: number, options: ArchiveOptions): Promise<SignedLog> => {
  const checkpoints = await rawQuery<{ tree_size: number; root_hash: string; note: string }>(dataSource, 'SELECT tree_size, root_hash, note FROM audit_checkpoints ORDER BY tree_size');
  const latest = checkpoints.at(-1);
  if (latest === undefined || Number(latest.tree_size) < lastSeq) {
    throw new ArchiveError('NOT_READY', `no signed checkpoint covers entry ${lastSeq} yet; the server signs one within a minute (or when a case closes)`);
  }
  const size = Number(latest.tree_size);
  let tree = options.tree;
  if (tree === undefined || tree.size < size) {
    tree = await treeUpTo(dataSource, size);
  }
  if (tree.size < size || hex(tree.root(size)) !== latest.root_hash) {
    throw new ArchiveError('LOG_MISMATCH', `the database no longer matches the signed checkpoint of size ${size}: run verify --database`);
  }
  return {
    size,
    rootHash: latest.root_hash,
    note: latest.note,
    tree,
    earlier: checkpoints.filter((c) => Number(c.tree_size) < size).map((c) => ({ treeSize: Number(c.tree_size), rootHash: c.root_hash })),
  };
};

/** The largest global sequence (no spread: a case may have more entries than a call has arguments). */
const lastGlobalSeq = (entries: readonly AuditEntry[]): number => entries.reduce((n, e) => Math.max(n, e.globalSeq), 0);

const consistencyOf = (log: SignedLog): ConsistencyProofs => ({
  treeSize: log.size,
  rootHash: log.rootHash,
  consistency: log.earlier.map((c) => ({ from: c.treeSize, fromRoot: c.rootHash, proof: log.tree.consistencyProof(c.treeSize, log.size).map(hex) })),
});

const inclusionOf = (log: SignedLog, entries: readonly AuditEntry[]): InclusionProofs => ({
  treeSize: log.size,
  rootHash: log.rootHash,
  inclusion: entries.map((e) => ({ globalSeq: e.globalSeq, proof: log.tree.inclusionProof(e.globalSeq - 1, log.size).map(hex) })),
});

/** One case's files under `prefix`: the case, its entries, (its proofs,) meetings, notices, objections. */
const caseFiles = async (dataSource: DataSource, record: CaseRecord, entries: readonly AuditEntry[], now: string, prefix: string, config: AppConfig): Promise<ContentFile[]> => [
  { name: `${prefix}case.json`, data: json(record), integrity: 'checked' },
  { name: `${prefix}audit-entries.jsonl`, data: Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8'), integrity: 'audit-log' },
  ...(await caseContentFiles(dataSource, record, entries, now, prefix, config)),
];

const keyFiles = (key: ArchiveSigningKey): ContentFile[] => {
  const publicKey = rawPublicKey(key.privateKey);
  return [
    { name: 'public-key.txt', data: Buffer.from(`${verifierKey(key.name, publicKey)}\n`, 'utf8'), integrity: 'convenience' },
    { name: 'public-key.pem', data: Buffer.from(createPublicKey(key.privateKey).export({ format: 'pem', type: 'spki' }).toString(), 'utf8'), integrity: 'convenience' },
  ];
};

/** Lists every file with its SHA-256 in manifest.json and signs the manifest (manifest.sig). */
const sealed = (files: readonly ContentFile[], manifest: DistributiveOmit<ArchiveManifest, 'files'>, key: ArchiveSigningKey): ZipFile[] => {
  const listed: ManifestFile[] = files.map((f) => ({ path: f.name, sha256: sha256(f.data), bytes: f.data.length, integrity: f.integrity }));
  const manifestData = json({ ...manifest, files: listed });
  const sig = signStatement(manifestStatementLines(manifest.origin, manifest.treeSize, manifest.rootHash, sha256(manifestData)), key.name, key.privateKey);
  return [{ name: 'manifest.json', data: manifestData }, { name: 'manifest.sig', data: Buffer.from(sig, 'utf8') }, ...files.map((f) => ({ name: f.name, data: f.data }))];
};

const readCase = async (dataSource: DataSource, caseId: string): Promise<CaseRecord | null> => {
  const [row] = await rawQuery<CaseRow>(dataSource, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId]);
  return row === undefined ? null : fromCaseRow(row);
};

/**
 * A case's archive: the case, its entries with their inclusion proofs against the latest signed
 * checkpoint (which must cover the case's last entry), consistency proofs from every earlier
 * checkpoint, its meeting records, notices and objections, the public key, a README, and the
 * signed manifest. Refuses if no checkpoint covers the case yet, or the database no longer
 * matches the checkpoint.
 */
export const buildCaseArchive = async (dataSource: DataSource, caseId: string, key: ArchiveSigningKey, now: string, options: ArchiveOptions): Promise<ZipFile[]> => {
  const record = await readCase(dataSource, caseId);
  if (record === null) throw new ArchiveError('NOT_FOUND', `no case ${caseId}`);
  const entries = await new AuditReader(dataSource).ofCase(caseId);
  const log = await signedLog(dataSource, lastGlobalSeq(entries), options);
  const vkey = verifierKey(key.name, rawPublicKey(key.privateKey));
  const files: ContentFile[] = [
    { name: 'README.txt', data: Buffer.from(archiveReadme({ title: { zh: `事项 ${caseId}：${record.title}`, en: `case ${caseId}` }, size: log.size, vkey, unit: false }), 'utf8'), integrity: 'convenience' },
    ...(await caseFiles(dataSource, record, entries, now, '', options.config)),
    { name: 'proofs.json', data: json({ ...inclusionOf(log, entries), consistency: consistencyOf(log).consistency }), integrity: 'audit-log' },
    { name: 'checkpoint.txt', data: Buffer.from(log.note, 'utf8'), integrity: 'audit-log' },
    ...keyFiles(key),
  ];
  return sealed(files, { format: CASE_ARCHIVE_FORMAT, caseId, origin: options.config.audit.origin, createdAt: now, treeSize: log.size, rootHash: log.rootHash, entries: entries.length }, key);
};

export interface UnitPeriod {
  readonly unitId: string;
  /** UTC ISO instants: from inclusive, to exclusive. */
  readonly from: string;
  readonly to: string;
}

/**
 * The cases of a unit's subtree alive within [from, to): opened before `to` and either still open
 * or with an entry at or after `from` — opened, active or open at some time in the period.
 */
export const unitArchiveCases = async (dataSource: DataSource, unitPath: string, period: UnitPeriod): Promise<CaseRecord[]> => {
  const rows = await rawQuery<CaseRow>(
    dataSource,
    `SELECT ${CASE_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')} FROM cases c
       JOIN (SELECT case_id, MIN(recorded_at) AS first_at, MAX(recorded_at) AS last_at FROM audit_entries GROUP BY case_id) a ON a.case_id = c.id
      WHERE c.unit_path LIKE $1 AND a.first_at < $3 AND (c.status = 'open' OR a.last_at >= $2)
      ORDER BY a.first_at, c.id`,
    [`${unitPath}%`, period.from, period.to],
  );
  return rows.map(fromCaseRow);
};

/** A unit archive: every case of `unitArchiveCases` under `cases/<id>/`, one checkpoint for all. */
export const buildUnitArchive = async (dataSource: DataSource, period: UnitPeriod, key: ArchiveSigningKey, now: string, options: ArchiveOptions): Promise<ZipFile[]> => {
  const [unit] = await rawQuery<{ id: string; name: string; path: string }>(dataSource, 'SELECT id, name, path FROM units WHERE id = $1', [period.unitId]);
  if (unit === undefined) throw new ArchiveError('NOT_FOUND', `no unit ${period.unitId}`);
  const cases = await unitArchiveCases(dataSource, unit.path, period);
  if (cases.length > MAX_UNIT_ARCHIVE_CASES) throw new ArchiveError('TOO_LARGE', `${cases.length} cases in the period, more than ${MAX_UNIT_ARCHIVE_CASES}: ask for a shorter period`);
  const reader = new AuditReader(dataSource);
  const trails = await Promise.all(cases.map(async (record) => ({ record, entries: await reader.ofCase(record.id) })));
  const log = await signedLog(dataSource, trails.reduce((n, t) => Math.max(n, lastGlobalSeq(t.entries)), 0), options);
  const vkey = verifierKey(key.name, rawPublicKey(key.privateKey));
  const files: ContentFile[] = [
    {
      name: 'README.txt',
      data: Buffer.from(
        archiveReadme({ title: { zh: `单位 ${unit.name}（${unit.id}），${period.from} 至 ${period.to}，${cases.length} 个事项`, en: `unit ${unit.id}, ${period.from} to ${period.to}, ${cases.length} cases` }, size: log.size, vkey, unit: true }),
        'utf8',
      ),
      integrity: 'convenience',
    },
  ];
  for (const { record, entries } of trails) {
    const prefix = `cases/${record.id}/`;
    files.push(...(await caseFiles(dataSource, record, entries, now, prefix, options.config)), { name: `${prefix}proofs.json`, data: json(inclusionOf(log, entries)), integrity: 'audit-log' });
  }
  files.push(
    { name: 'proofs.json', data: json(consistencyOf(log)), integrity: 'audit-log' },
    { name: 'checkpoint.txt', data: Buffer.from(log.note, 'utf8'), integrity: 'audit-log' },
    ...keyFiles(key),
  );
  return sealed(
    files,
    {
      format: UNIT_ARCHIVE_FORMAT,
      unit: { id: unit.id, name: unit.name, path: unit.path },
      period: { from: period.from, to: period.to },
      cases: cases.map((c) => c.id),
      origin: options.config.audit.origin,
      createdAt: now,
      treeSize: log.size,
      rootHash: log.rootHash,
      entries: trails.reduce((n, t) => n + t.entries.length, 0),
    },
    key,
  );
};

/**
 * Reads a period bound: an ISO 8601 instant with `Z` or an offset, or a date `YYYY-MM-DD` taken in
 * China Standard Time (UTC+08:00). A date as `to` includes that whole day. Null when malformed.
 */
export const periodBound = (text: string, end: boolean): string | null => {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date !== null) {
    const start = Date.parse(`${text}T00:00:00+08:00`);
    if (Number.isNaN(start) || new Date(start + 8 * 3_600_000).toISOString().slice(0, 10) !== text) return null;
    return new Date(end ? start + 86_400_000 : start).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
};
