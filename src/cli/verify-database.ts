import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNING_KEY_FILE, parseSigningKey } from '../audit/checkpoint-key.js';
import { LATEST_CHECKPOINT_FILE, readLatestCheckpointFile } from '../audit/checkpoint-file.js';
import { rawPublicKey } from '../audit/checkpoint-note.js';
import { plainSqliteFile } from '../audit/audit-source.js';
import { verifyDatabase, verifySqliteFile, type CheckpointSource, type DatabaseVerification } from '../audit/database-verification.js';
import type { AppConfig } from '../config/app-config.js';
import { CliFailure } from './cli-failure.js';
import type { CliIo } from './read-password.js';

/**
 * The public key checkpoints are checked against: `--public-key FILE` (a verifier key line
 * `<name>+<id>+<base64>`, or a PEM public or private key), else the installation's own key
 * (MINYI_AUDIT_SIGNING_KEY or the key file in the data directory; never generated here).
 */
export const loadKey = (config: AppConfig, file: string | undefined): { name: string; publicKey: Buffer } | null => {
  const name = config.audit.origin;
  if (file !== undefined) {
    if (!existsSync(file)) throw new CliFailure(`--public-key: no file ${file}`, 2);
    const text = readFileSync(file, 'utf8').trim();
    const vkey = /^(\S+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text);
    if (vkey !== null) {
      const bytes = Buffer.from(vkey[3] as string, 'base64');
      if (bytes.length !== 33 || bytes[0] !== 1) throw new CliFailure('--public-key: not an Ed25519 verifier key', 2);
      return { name: vkey[1] as string, publicKey: bytes.subarray(1) };
    }
    const key = text.includes('PRIVATE KEY') ? parseSigningKey(text) : createPublicKey(text);
    return { name, publicKey: rawPublicKey(key) };
  }
  if (config.audit.signingKey !== null) return { name, publicKey: rawPublicKey(parseSigningKey(config.audit.signingKey)) };
  const keyFile = join(config.dataDir, SIGNING_KEY_FILE);
  return existsSync(keyFile) ? { name, publicKey: rawPublicKey(parseSigningKey(readFileSync(keyFile, 'utf8'))) } : null;
};

export const formatVerification = (result: DatabaseVerification): string => {
  const lines = [
    `审计日志：${result.entries} 条记录，${result.cases} 个事项；默克尔树根 ${result.rootHash}`,
    `Audit log: ${result.entries} entries in ${result.cases} cases; Merkle tree root ${result.rootHash}`,
  ];
  if (result.checkpoint === null) {
    lines.push('尚无有效的签名检查点', 'No validly signed checkpoint yet');
  } else {
    const c = result.checkpoint;
    lines.push(
      `最新签名检查点：规模 ${c.size}（${c.source}），${c.consistent ? '与当前日志一致' : '与当前日志不一致'}；其后 ${result.entriesAfterCheckpoint ?? 0} 条记录尚未签入检查点`,
      `Latest signed checkpoint: size ${c.size} (${c.source}), ${c.consistent ? 'consistent with the log now' : 'NOT consistent with the log now'}; ${result.entriesAfterCheckpoint ?? 0} entries after it`,
    );
  }
  if (result.valid) {
    lines.push('✔ 验证通过 / VERIFIED');
    return `${lines.join('\n')}\n`;
  }
  const first = result.problems[0];
  lines.push(`✘ 验证失败 / VERIFICATION FAILED: ${result.problems.length} 个问题 / problems`);
  if (first !== undefined) {
    const where = first.globalSeq !== null ? `全局序号 / global sequence ${first.globalSeq}${first.caseId !== null ? `（事项 / case ${first.caseId}${first.caseSeq !== null ? ` #${first.caseSeq}` : ''}）` : ''}` : '';
    lines.push(`第一处问题 / first problem: [${first.code}] ${where}`.trimEnd(), `  ${first.message.zh}`, `  ${first.message.en}`);
  }
  for (const p of result.problems.slice(1, 50)) lines.push(`- [${p.code}]${p.globalSeq !== null ? ` #${p.globalSeq}` : ''} ${p.message.zh} / ${p.message.en}`);
  if (result.problems.length > 50) lines.push(`… ${result.problems.length - 50} more`);
  return `${lines.join('\n')}\n`;
};

/** `verify --database [--public-key FILE] [--trusted-checkpoint FILE]…`: exit 0 verified, 1 not. */
export const verifyDatabaseCommand = async (config: AppConfig, args: readonly string[], io: CliIo): Promise<number> => {
  const option = (name: string): string[] =>
    args.flatMap((arg, i) => {
      if (arg !== name) return [];
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new CliFailure(`${name} needs a value`, 2);
      return [value];
    });
  const external: CheckpointSource[] = [];
  const kept = readLatestCheckpointFile(config.dataDir);
  if (kept !== null) external.push({ source: `data directory ${LATEST_CHECKPOINT_FILE}`, note: kept });
  for (const file of option('--trusted-checkpoint')) {
    if (!existsSync(file)) throw new CliFailure(`--trusted-checkpoint: no file ${file}`, 2);
    external.push({ source: file, note: readFileSync(file, 'utf8') });
  }
  const key = loadKey(config, option('--public-key')[0]);
  const options = { key, origin: config.audit.origin, external, parallel: true };
  const report = (result: DatabaseVerification): number => {
    (result.valid ? io.stdout : io.stderr).write(formatVerification(result));
    return result.valid ? 0 : 1;
  };
  // A SQLite file is read through connections of its own (no TypeORM, no migrations: read-only),
  // the main thread building the tree while two worker threads check half the cases each.
  const file = config.database.type === 'sqlite' ? plainSqliteFile(config.database.path) : null;
  if (file !== null) {
    if (!existsSync(file)) throw new CliFailure(`no database file ${file}`);
    return report(await verifySqliteFile(file, options));
  }
  const { DataSource } = await import('typeorm');
  const { buildDataSourceOptions } = await import('../database/data-source-options.js');
  const dataSource = new DataSource(buildDataSourceOptions(config.database));
  await dataSource.initialize();
  try {
    return report(await verifyDatabase(dataSource, options));
  } finally {
    await dataSource.destroy();
  }
};
