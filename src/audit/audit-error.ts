import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Label } from '../../workflows/core/label.js';
import { DomainError } from '../common/errors/domain-error.js';
import { sendError } from '../common/http/send-error.js';

export enum AuditErrorCode {
  CheckpointNotFound = 'CHECKPOINT_NOT_FOUND',
  EntryNotFound = 'AUDIT_ENTRY_NOT_FOUND',
  TreeSizeOutOfRange = 'TREE_SIZE_OUT_OF_RANGE',
  BadProofRange = 'BAD_PROOF_RANGE',
}

const MESSAGES: Record<AuditErrorCode, Label> = {
  [AuditErrorCode.CheckpointNotFound]: { zh: '没有该规模的已签名检查点。', en: 'No signed checkpoint of that size.' },
  [AuditErrorCode.EntryNotFound]: { zh: '找不到该审计记录。', en: 'No such audit entry.' },
  [AuditErrorCode.TreeSizeOutOfRange]: { zh: '审计日志尚未达到该规模。', en: 'The audit log has not reached that size.' },
  [AuditErrorCode.BadProofRange]: { zh: '证明的范围无效。', en: 'The proof range is invalid.' },
};

export class AuditError extends DomainError<AuditErrorCode> {
  constructor(code: AuditErrorCode, field?: string) {
    super(code, MESSAGES[code], field);
  }
}

export const auditErrorStatus = (code: AuditErrorCode): HttpStatus => {
  switch (code) {
    case AuditErrorCode.CheckpointNotFound:
    case AuditErrorCode.EntryNotFound:
    case AuditErrorCode.TreeSizeOutOfRange:
      return HttpStatus.NOT_FOUND;
    case AuditErrorCode.BadProofRange:
      return HttpStatus.BAD_REQUEST;
  }
};

@Catch(AuditError)
export class AuditExceptionFilter implements ExceptionFilter<AuditError> {
  catch(error: AuditError, host: ArgumentsHost): void {
    sendError(host, auditErrorStatus(error.code), error);
  }
}
