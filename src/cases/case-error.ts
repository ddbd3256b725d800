import type { Label } from '../../workflows/core/label.js';
import { DomainError, type FieldProblem } from '../common/errors/domain-error.js';

export enum CaseErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  UnitNotFound = 'UNIT_NOT_FOUND',
  ProcedureNotFound = 'PROCEDURE_NOT_FOUND',
  ProcedureNotAllowedHere = 'PROCEDURE_NOT_ALLOWED_HERE',
  InvalidConfig = 'INVALID_CONFIG',
  UnknownEventType = 'UNKNOWN_EVENT_TYPE',
  InvalidPayload = 'INVALID_PAYLOAD',
  EventForbidden = 'EVENT_FORBIDDEN',
  EventNotAllowed = 'EVENT_NOT_ALLOWED',
  GuardRejected = 'GUARD_REJECTED',
  BadIfMatch = 'BAD_IF_MATCH',
  VersionMismatch = 'VERSION_MISMATCH',
  ConcurrentWrite = 'CONCURRENT_WRITE',
  BadIdempotencyKey = 'BAD_IDEMPOTENCY_KEY',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyInFlight = 'IDEMPOTENCY_IN_FLIGHT',
  InvalidCursor = 'INVALID_CURSOR',
}

const MESSAGES: Record<CaseErrorCode, Label> = {
  [CaseErrorCode.CaseNotFound]: { zh: '找不到该事项。', en: 'No such case.' },
  [CaseErrorCode.UnitNotFound]: { zh: '找不到该组织单位。', en: 'No such unit.' },
  [CaseErrorCode.ProcedureNotFound]: { zh: '没有这个议事流程或版本。', en: 'No such procedure or version.' },
  [CaseErrorCode.ProcedureNotAllowedHere]: {
    zh: '该流程不适用于这个单位（例如“一报四议两公开”用于村和村改居社区）。',
    en: 'This procedure does not apply to this unit (e.g. one-report-four-deliberations is for villages).',
  },
  [CaseErrorCode.InvalidConfig]: { zh: '流程配置有误。', en: 'The procedure configuration is invalid.' },
  [CaseErrorCode.UnknownEventType]: { zh: '该流程没有这个操作。', en: 'The procedure has no such event.' },
  [CaseErrorCode.InvalidPayload]: { zh: '填写的内容不符合要求。', en: 'The event payload is invalid.' },
  [CaseErrorCode.EventForbidden]: { zh: '您的角色不能在这个单位进行此操作。', en: 'Your roles do not allow this event at this unit.' },
  [CaseErrorCode.EventNotAllowed]: { zh: '事项当前所处的步骤不允许此操作。', en: 'The case is not in a step that accepts this event.' },
  [CaseErrorCode.GuardRejected]: { zh: '条件不满足，不能进行此操作。', en: 'A condition of the procedure refuses this event.' },
  [CaseErrorCode.BadIfMatch]: { zh: 'If-Match 应为事项版本号，如 "3"。', en: 'If-Match must be the case version, e.g. "3".' },
  [CaseErrorCode.VersionMismatch]: {
    zh: '事项已被他人更新，请刷新后再操作。',
    en: 'The case has changed since you loaded it (If-Match names another version); reload it.',
  },
  [CaseErrorCode.ConcurrentWrite]: { zh: '同时有其他操作先完成了，请刷新后再试。', en: 'A concurrent change won; reload the case and try again.' },
  [CaseErrorCode.BadIdempotencyKey]: {
    zh: 'Idempotency-Key 应为1到200个可见字符。',
    en: 'Idempotency-Key must be 1 to 200 visible characters.',
  },
  [CaseErrorCode.IdempotencyKeyReused]: {
    zh: '这个 Idempotency-Key 已用于另一个不同的请求。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  [CaseErrorCode.InvalidCursor]: { zh: '分页游标无效，请从第一页重新开始。', en: 'Invalid cursor; start again from the first page.' },
  [CaseErrorCode.IdempotencyInFlight]: {
    zh: '使用同一 Idempotency-Key 的请求仍在处理中。',
    en: 'A request with this Idempotency-Key is still being processed.',
  },
};

export class CaseError extends DomainError<CaseErrorCode> {
  constructor(
    code: CaseErrorCode,
    options: { field?: string; errors?: readonly FieldProblem[]; text?: Label; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(code, options.text ?? MESSAGES[code], options.field, options.errors, options.headers, options.details);
  }
}
