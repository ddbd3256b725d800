import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ArchiveError, buildCaseArchive, verifyCaseArchive, type ArchiveVerification } from '../audit/archive/case-archive.js';
import { ZipError, readZip, writeZip } from '../audit/archive/zip.js';
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

/** `archive --case ID --out FILE`: the case's archive, proofs against the latest checkpoint. */
export const archiveCommand = async (config: AppConfig, args: readonly string[], io: CliIo): Promise<number> => {
  const caseId = values(args, '--case')[0];
  const out = values(args, '--out')[0];
  if (caseId === undefined || out === undefined) throw new CliFailure('archive needs --case ID and --out FILE', 2);
  const key = loadKey(config, undefined);
  if (key === null) throw new CliFailure('no audit signing key (MINYI_AUDIT_SIGNING_KEY or the key file in MINYI_DATA_DIR): has the server started once?');
  const dataSource = new DataSource(buildDataSourceOptions(config.database));
  await dataSource.initialize();
  try {
    const files = await buildCaseArchive(dataSource, caseId.toLowerCase(), key, config.audit.origin, new Date().toISOString());
    writeFileSync(out, writeZip(files));
    io.stdout.write(`Wrote ${out}: case ${caseId}, ${files.length} files.\n`);
    return 0;
  } catch (error) {
    if (error instanceof ArchiveError) throw new CliFailure(error.message);
    throw error;
  } finally {
    await dataSource.destroy();
  }
};

export const formatArchiveVerification = (result: ArchiveVerification): string => {
  const lines = [
    `档案：事项 ${result.caseId ?? '?'}，${result.entries} 条审计记录；检查点树规模 ${result.treeSize ?? '?'}；核对了 ${result.trustedCheckpoints} 个您信任的检查点`,
    `Archive: case ${result.caseId ?? '?'}, ${result.entries} audit entries; checkpoint tree size ${result.treeSize ?? '?'}; ${result.trustedCheckpoints} trusted checkpoints checked`,
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
  if (first !== undefined) {
    const where = first.globalSeq !== null ? ` 全局序号 / global sequence ${first.globalSeq}${first.caseSeq !== null ? ` (#${first.caseSeq})` : ''}` : '';
    lines.push(`第一处问题 / first problem: [${first.code}]${where}`, `  ${first.message.zh}`, `  ${first.message.en}`);
  }
  for (const p of rest.slice(0, 50)) lines.push(`- [${p.code}]${p.globalSeq !== null ? ` #${p.globalSeq}` : ''} ${p.message.zh} / ${p.message.en}`);
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
  const result = verifyCaseArchive(files, { key, trusted });
  (result.valid ? io.stdout : io.stderr).write(formatArchiveVerification(result));
  return result.valid ? 0 : 1;
};
