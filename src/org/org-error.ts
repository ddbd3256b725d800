import type { Label } from '../../workflows/core/label.js';
import { DomainError } from '../common/errors/domain-error.js';

export enum OrgErrorCode {
  UnitNotFound = 'UNIT_NOT_FOUND',
  KindNotAllowedHere = 'KIND_NOT_ALLOWED_HERE',
  CommunityTypeRequired = 'COMMUNITY_TYPE_REQUIRED',
  CommunityTypeNotAllowed = 'COMMUNITY_TYPE_NOT_ALLOWED',
  UnitNameTaken = 'UNIT_NAME_TAKEN',
  NothingToUpdate = 'NOTHING_TO_UPDATE',
}

const MESSAGES: Record<OrgErrorCode, Label> = {
  [OrgErrorCode.UnitNotFound]: { zh: '找不到该组织单位。', en: 'No such unit.' },
  [OrgErrorCode.KindNotAllowedHere]: {
    zh: '该类型的单位不能设在这里（例如网格只能设在社区或村之下）。',
    en: 'A unit of this kind cannot sit here (e.g. a grid sits under a community or village).',
  },
  [OrgErrorCode.CommunityTypeRequired]: { zh: '社区须注明类型：封闭式、开放式或村改居。', en: 'A community needs a type: closed, open or village_to_community.' },
  [OrgErrorCode.CommunityTypeNotAllowed]: { zh: '只有社区才有社区类型。', en: 'Only a community has a community type.' },
  [OrgErrorCode.UnitNameTaken]: { zh: '同一上级单位下已有同名单位。', en: 'A unit with this name already exists under the same parent.' },
  [OrgErrorCode.NothingToUpdate]: { zh: '请求中没有要修改的字段。', en: 'The request changes nothing.' },
};

export class OrgError extends DomainError<OrgErrorCode> {
  constructor(code: OrgErrorCode, field?: string) {
    super(code, MESSAGES[code], field);
  }
}
