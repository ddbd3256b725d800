import type { Label } from '../../workflows/core/label.js';
import { DomainError, type FieldProblem } from '../common/errors/domain-error.js';

export enum PublicationErrorCode {
  UnitNotFound = 'PUBLICATION_UNIT_NOT_FOUND',
  PublicationNotFound = 'PUBLICATION_NOT_FOUND',
  NotAVillage = 'PUBLICATION_NOT_A_VILLAGE',
  Forbidden = 'PUBLICATION_FORBIDDEN',
  PeriodInvalid = 'PUBLICATION_PERIOD_INVALID',
  PeriodNotStarted = 'PUBLICATION_PERIOD_NOT_STARTED',
  ChainBusy = 'PUBLICATION_CHAIN_BUSY',
}

const MESSAGES: Record<PublicationErrorCode, Label> = {
  [PublicationErrorCode.UnitNotFound]: { zh: '找不到该组织单位。', en: 'No such unit.' },
  [PublicationErrorCode.PublicationNotFound]: { zh: '找不到该公开事项。', en: 'No such publication.' },
  [PublicationErrorCode.NotAVillage]: {
    zh: '村务公开只适用于村（村民委员会）；该单位不是村。',
    en: "Village affairs publication applies to villages (villagers' committees) only; this unit is not a village.",
  },
  [PublicationErrorCode.Forbidden]: { zh: '您的角色不能进行此操作。', en: 'Your roles do not allow this here.' },
  [PublicationErrorCode.PeriodInvalid]: { zh: '公开期间不符合该事项的要求。', en: 'The period does not fit this matter.' },
  [PublicationErrorCode.PeriodNotStarted]: { zh: '该期间尚未开始，不能提前公开。', en: 'That period has not begun yet; it cannot be published in advance.' },
  [PublicationErrorCode.ChainBusy]: { zh: '同时有其他公开正在记录，请稍后重试。', en: 'Another publication was being recorded at the same moment; try again.' },
};

export class PublicationError extends DomainError<PublicationErrorCode> {
  constructor(code: PublicationErrorCode, options: { field?: string; errors?: readonly FieldProblem[]; text?: Label; details?: Record<string, unknown> } = {}) {
    super(code, options.text ?? MESSAGES[code], options.field, options.errors, undefined, options.details);
  }
}
