import type { Label } from '../../workflows/core/label.js';
import { DomainError, type FieldProblem } from '../common/errors/domain-error.js';

export enum DeadlineErrorCode {
  UnitNotFound = 'DEADLINE_UNIT_NOT_FOUND',
  Forbidden = 'STEP_LIMIT_FORBIDDEN',
  UnknownProcedure = 'STEP_LIMIT_UNKNOWN_PROCEDURE',
  ProcedureNotHere = 'STEP_LIMIT_PROCEDURE_NOT_HERE',
  UnknownState = 'STEP_LIMIT_UNKNOWN_STATE',
  FinalState = 'STEP_LIMIT_FINAL_STATE',
  NotConfigured = 'STEP_LIMIT_NOT_CONFIGURED',
}

const MESSAGES: Record<DeadlineErrorCode, Label> = {
  [DeadlineErrorCode.UnitNotFound]: { zh: '找不到该组织单位。', en: 'No such unit.' },
  [DeadlineErrorCode.Forbidden]: { zh: '只有该单位及其上级的系统管理员可以设置办理时限。', en: 'Only an administrator over this unit may set step time limits.' },
  [DeadlineErrorCode.UnknownProcedure]: { zh: '没有这个议事流程。', en: 'No such procedure.' },
  [DeadlineErrorCode.ProcedureNotHere]: { zh: '该流程不适用于此单位及其下级。', en: 'This procedure does not apply at this unit or below it.' },
  [DeadlineErrorCode.UnknownState]: { zh: '该流程没有这个步骤。', en: 'The procedure has no such step.' },
  [DeadlineErrorCode.FinalState]: { zh: '办结状态不能设置办理时限。', en: 'A final state cannot carry a time limit.' },
  [DeadlineErrorCode.NotConfigured]: {
    zh: '此单位没有为该步骤设置办理时限（可能继承自上级单位或流程默认值）。',
    en: 'This unit sets no limit for this step (it may inherit one from a unit above or the procedure default).',
  },
};

export class DeadlineError extends DomainError<DeadlineErrorCode> {
  constructor(code: DeadlineErrorCode, options: { field?: string; errors?: readonly FieldProblem[]; text?: Label; details?: Record<string, unknown> } = {}) {
    super(code, options.text ?? MESSAGES[code], options.field, options.errors, undefined, options.details);
  }
}
