import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { verifyArchive, type ArchiveVerification } from '../audit/archive/archive-verifier.js';
import { ArchiveError, buildCaseArchive, buildUnitArchive, periodBound } from '../audit/archive/case-archive.js';
import { ZipError, readZip, writeZip } from '../audit/archive/zip.js';
import { SIGNING_KEY_FILE, parseSigningKey } from '../audit/checkpoint-key.js';
import { verifyReceipt, type ReceiptVerification } from '../audit/receipt.js';
import type { AppConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from '../database/data-source-options.js';
import { CliFailure } from './cli-failure.js';
import type { CliIo } from './read-password.js';
import { loadKey } from './verify-database.js';

const values = (args: readonly string[], name: string): string[] =>
  args.flatMap((arg, i) => {
    if (arg !== name) return [];
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new CliFailure(`${name} needs a value`, 2);
    return [value];
  });

/** The installation's private signing key (it signs the manifest); never generated here. */
const signingKey = (config: AppConfig): KeyObject => {
  if (config.audit.signingKey !== null) return parseSigningKey(config.audit.signingKey);
  const file = join(config.dataDir, SIGNING_KEY_FILE);
  if (!existsSync(file)) throw new CliFailure('no audit signing key (MINYI_AUDIT_SIGNING_KEY or the key file in MINYI_DATA_DIR): has the server started once?');
  return parseSigningKey(readFileSync(file, 'utf8'));
};

/**
 * `archive --case ID --out FILE` or `archive --unit ID --from WHEN --to WHEN --out FILE`: the
 * archive, with proofs against the latest signed checkpoint (the same zip the HTTP routes give).
 */
export const archiveCommand = async (config: AppConfig, args: readonly string[], io: CliIo): Promise<number> => {
  const caseId = values(args, '--case')[0];
  const unitId = values(args, '--unit')[0];
  const out = values(args, '--out')[0];
  if ((caseId === undefined) === (unitId === undefined) || out === undefined) throw new CliFailure('archive needs --case ID or --unit ID --from WHEN --to WHEN, and --out FILE', 2);
  let period: { unitId: string; from: string; to: string } | null = null;
  if (unitId !== undefined) {
    const fromText = values(args, '--from')[0];
    const toText = values(args, '--to')[0];
    if (fromText === undefined || toText === undefined) throw new CliFailure('archive --unit needs --from and --to (YYYY-MM-DD in China Standard Time, or an ISO 8601 instant with Z or an offset)', 2);
    const from = periodBound(fromText, false);
    const to = periodBound(toText, true);
    if (from === null) throw new CliFailure(`--from: not a date (YYYY-MM-DD) or an ISO 8601 instant with Z or an offset: ${fromText}`, 2);
    if (to === null) throw new CliFailure(`--to: not a date (YYYY-MM-DD) or an ISO 8601 instant with Z or an offset: ${toText}`, 2);
    if (from >= to) throw new CliFailure('--from must be before --to', 2);
    period = { unitId: unitId.toLowerCase(), from, to };
  }
  const key = { name: config.audit.origin, privateKey: signingKey(config) };
  const dataSource = new DataSource(buildDataSourceOptions(config.database));
  await dataSource.initialize();
  try {
    const now = new Date().toISOString();
    const files =
      period === null ? await buildCaseArchive(dataSource, (caseId as string).toLowerCase(), key, now, { config }) : await buildUnitArchive(dataSource, period, key, now, { config });
    writeFileSync(out, writeZip(files));
    io.stdout.write(`Wrote ${out}: ${period === null ? `case ${caseId}` : `unit ${unitId}, ${period.from} – ${period.to}`}, ${files.length} files.\n`);
    return 0;
  } catch (error) {
    if (error instanceof ArchiveError) throw new CliFailure(error.message);
    throw error;
  } finally {
    await dataSource.destroy();
  }
};

const where = (p: { globalSeq: number | null; caseSeq: number | null; caseId: string | null; file: string | null }, unit: boolean): string => {
  const parts: string[] = [];
  if (p.globalSeq !== null) parts.push(`全局序号 / global sequence ${p.globalSeq}${p.caseSeq !== null ? ` (#${p.caseSeq})` : ''}`);
  if (unit && p.caseId !== null) parts.push(`事项 / case ${p.caseId}`);
  if (p.file !== null) parts.push(`文件 / file ${p.file}`);
  return parts.length === 0 ? '' : ` ${parts.join('; ')}`;
};

export const formatArchiveVerification = (result: ArchiveVerification): string => {
  const unit = result.kind === 'unit';
  const lines = unit
    ? [
        `档案：单位 ${result.unit?.name ?? '?'}（${result.unit?.id ?? '?'}），${result.unit?.from ?? '?'} 至 ${result.unit?.to ?? '?'}，${result.cases} 个事项，${result.entries} 条审计记录，${result.files} 个文件；检查点树规模 ${result.treeSize ?? '?'}；核对了 ${result.trustedCheckpoints} 个您信任的检查点`,
        `Archive: unit ${result.unit?.id ?? '?'}, ${result.unit?.from ?? '?'} to ${result.unit?.to ?? '?'}, ${result.cases} cases, ${result.entries} audit entries, ${result.files} files; checkpoint tree size ${result.treeSize ?? '?'}; ${result.trustedCheckpoints} trusted checkpoints checked`,
      ]
    : [
        `档案：事项 ${result.caseId ?? '?'}，${result.entries} 条审计记录，${result.files} 个文件；检查点树规模 ${result.treeSize ?? '?'}；核对了 ${result.trustedCheckpoints} 个您信任的检查点`,
        `Archive: case ${result.caseId ?? '?'}, ${result.entries} audit entries, ${result.files} files; checkpoint tree size ${result.treeSize ?? '?'}; ${result.trustedCheckpoints} trusted checkpoints checked`,
      ];
  if (result.key !== null) {
    lines.push(`公钥 / key: ${result.key.verifierKey}`);
    if (result.key.fromArchive) lines.push('注意：公钥取自档案本身，请与可信渠道得到的公钥核对（或用 --public-key）', 'Note: the key was taken from the archive itself; compare it with one from a channel you trust (or pass --public-key)');
  }
  if (result.valid) {
    lines.push('✔ 验证通过 / VERIFIED');
    return `${lines.join('\n')}\n`;
  }
  const [first, ...rest] = result.problems;
  lines.push(`✘ 验证失败 / VERIFICATION FAILED: ${result.problems.length} 个问题 / problems`);
  if (first !== undefined) lines.push(`第一处问题 / first problem: [${first.code}]${where(first, unit)}`, `  ${first.message.zh}`, `  ${first.message.en}`);
  for (const p of rest.slice(0, 50)) lines.push(`- [${p.code}]${p.globalSeq !== null ? ` #${p.globalSeq}` : ''}${p.file !== null ? ` ${p.file}` : ''} ${p.message.zh} / ${p.message.en}`);
  if (rest.length > 50) lines.push(`… ${rest.length - 50} more`);
  return `${lines.join('\n')}\n`;
};

/** `verify --archive FILE [--public-key FILE] [--trusted-checkpoint FILE]…`: offline, no database. */
export const verifyArchiveCommand = (config: AppConfig, args: readonly string[], io: CliIo): number => {
  const file = values(args, '--archive')[0];
  if (file === undefined || !existsSync(file)) throw new CliFailure(`--archive: no file ${file ?? ''}`, 2);
  const keyFile = values(args, '--public-key')[0];
  const key = keyFile === undefined ? null : loadKey(config, keyFile);
  const trusted = values(args, '--trusted-checkpoint').map((f) => {
    if (!existsSync(f)) throw new CliFailure(`--trusted-checkpoint: no file ${f}`, 2);
    return readFileSync(f, 'utf8');
  });
  let files: Map<string, Buffer>;
  try {
    files = readZip(readFileSync(file));
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    io.stderr.write(`✘ 验证失败 / VERIFICATION FAILED: ${error.message}\n`);
    return 1;
  }
  const result = verifyArchive(files, { key, trusted });
  (result.valid ? io.stdout : io.stderr).write(formatArchiveVerification(result));
  return result.valid ? 0 : 1;
};

export const formatReceiptVerification = (r: ReceiptVerification): string => {
  const lines: string[] = [];
  if (r.caseId !== null) {
    lines.push(
      `回执：${r.origin ?? '?'} 事项 ${r.caseId} 第${r.caseSeq ?? '?'}条记录（全局序号 ${r.globalSeq ?? '?'}），记录于 ${r.recordedAt ?? '?'}，哈希 ${r.hash ?? '?'}`,
      `Receipt: ${r.origin ?? '?'} case ${r.caseId} entry #${r.caseSeq ?? '?'} (global sequence ${r.globalSeq ?? '?'}), recorded ${r.recordedAt ?? '?'}, hash ${r.hash ?? '?'}`,
    );
    lines.push(
      r.includedIn !== null
        ? `已证明包含于签名检查点（树规模 ${r.includedIn}） / proven included in the signed checkpoint of tree size ${r.includedIn}`
        : '回执未附包含证明（签发时尚无检查点覆盖该记录） / no inclusion proof (no checkpoint covered the entry when the receipt was issued)',
    );
  }
  if (r.key !== null) {
    lines.push(`公钥 / key: ${r.key.verifierKey}`);
    if (r.key.fromReceipt) lines.push('注意：公钥取自回执本身，请与可信渠道得到的公钥核对（或用 --public-key）', 'Note: the key was taken from the receipt itself; compare it with one from a channel you trust (or pass --public-key)');
  }
  if (r.valid) lines.push('✔ 验证通过 / VERIFIED');
  else {
    lines.push(`✘ 验证失败 / VERIFICATION FAILED: ${r.problems.length} 个问题 / problems`);
    for (const p of r.problems) lines.push(`- [${p.code}] ${p.message.zh}`, `  ${p.message.en}`);
  }
  return `${lines.join('\n')}\n`;
};

/** `verify --receipt FILE [--public-key FILE]`: a signed receipt, offline. */
export const verifyReceiptCommand = (config: AppConfig, args: readonly string[], io: CliIo): number => {
  const file = values(args, '--receipt')[0];
  if (file === undefined || !existsSync(file)) throw new CliFailure(`--receipt: no file ${file ?? ''}`, 2);
  const keyFile = values(args, '--public-key')[0];
  const key = keyFile === undefined ? null : loadKey(config, keyFile);
  const result = verifyReceipt(readFileSync(file, 'utf8'), key);
  (result.valid ? io.stdout : io.stderr).write(formatReceiptVerification(result));
  return result.valid ? 0 : 1;
};
