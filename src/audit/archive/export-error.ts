import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Label } from '../../../workflows/core/label.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { sendError } from '../../common/http/send-error.js';

/** Errors of the archive and receipt routes (registered on their controllers). */
export enum ExportErrorCode {
  ArchiveForbidden = 'ARCHIVE_FORBIDDEN',
  UnitNotFound = 'UNIT_NOT_FOUND',
  BadPeriod = 'BAD_PERIOD',
  ArchiveNotReady = 'ARCHIVE_NOT_READY',
  ArchiveTooLarge = 'ARCHIVE_TOO_LARGE',
  AuditLogInconsistent = 'AUDIT_LOG_INCONSISTENT',
  BadCaseSeq = 'BAD_CASE_SEQ',
  EntryNotFound = 'AUDIT_ENTRY_NOT_FOUND',
}

const MESSAGES: Record<ExportErrorCode, Label> = {
  [ExportErrorCode.ArchiveForbidden]: {
    zh: '只有监督人员、管理员和保管档案的组织（书记员、社区党组织、居委会、村委会、党支部、乡镇党委）可以导出档案。',
    en: 'Only supervisors, administrators and the bodies that keep archives (clerks, party organisations, residents’ and village committees, township committees) may export archives.',
  },
  [ExportErrorCode.UnitNotFound]: { zh: '找不到该单位。', en: 'No such unit.' },
  [ExportErrorCode.BadPeriod]: {
    zh: '期间无效：from 和 to 须为日期（YYYY-MM-DD，北京时间）或带时区的 ISO 8601 时间，且 from 早于 to。',
    en: 'Invalid period: from and to must be dates (YYYY-MM-DD, China Standard Time) or ISO 8601 instants with Z or an offset, from before to.',
  },
  [ExportErrorCode.ArchiveNotReady]: { zh: '尚无签名检查点覆盖这些记录，请稍后再试。', en: 'No signed checkpoint covers these entries yet; try again shortly.' },
  [ExportErrorCode.ArchiveTooLarge]: { zh: '该期间的事项过多，请缩短期间。', en: 'Too many cases in the period; ask for a shorter one.' },
  [ExportErrorCode.AuditLogInconsistent]: {
    zh: '数据库与已签名的检查点不一致，已拒绝导出；请运行 verify --database。',
    en: 'The database does not match the signed checkpoint; export refused. Run verify --database.',
  },
  [ExportErrorCode.BadCaseSeq]: { zh: '记录序号须为正整数。', en: 'The entry number must be a positive integer.' },
  [ExportErrorCode.EntryNotFound]: { zh: '找不到该审计记录。', en: 'No such audit entry.' },
};

export class ExportError extends DomainError<ExportErrorCode> {
  constructor(code: ExportErrorCode, field?: string, details?: Readonly<Record<string, unknown>>) {
    super(code, MESSAGES[code], field, undefined, undefined, details);
  }
}

export const exportErrorStatus = (code: ExportErrorCode): HttpStatus => {
  switch (code) {
    case ExportErrorCode.ArchiveForbidden:
      return HttpStatus.FORBIDDEN;
    case ExportErrorCode.UnitNotFound:
    case ExportErrorCode.EntryNotFound:
      return HttpStatus.NOT_FOUND;
    case ExportErrorCode.BadPeriod:
    case ExportErrorCode.BadCaseSeq:
      return HttpStatus.BAD_REQUEST;
    case ExportErrorCode.ArchiveNotReady:
      return HttpStatus.CONFLICT;
    case ExportErrorCode.ArchiveTooLarge:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ExportErrorCode.AuditLogInconsistent:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
};

@Catch(ExportError)
export class ExportExceptionFilter implements ExceptionFilter<ExportError> {
  catch(error: ExportError, host: ArgumentsHost): void {
    sendError(host, exportErrorStatus(error.code), error);
  }
}
