import type { Label } from '../../workflows/core/label.js';
import { DomainError } from '../common/errors/domain-error.js';

export enum PeopleErrorCode {
  PersonNotFound = 'PERSON_NOT_FOUND',
  UsernameTaken = 'USERNAME_TAKEN',
  RoleAssignmentNotFound = 'ROLE_ASSIGNMENT_NOT_FOUND',
  RoleAlreadyAssigned = 'ROLE_ALREADY_ASSIGNED',
  OrganisationWideRoleIsAdminOnly = 'ORGANISATION_WIDE_ROLE_IS_ADMIN_ONLY',
  CannotRemoveOwnAdmin = 'CANNOT_REMOVE_OWN_ADMIN',
  CannotDeactivateSelf = 'CANNOT_DEACTIVATE_SELF',
  NothingToUpdate = 'NOTHING_TO_UPDATE',
}

const MESSAGES: Record<PeopleErrorCode, Label> = {
  [PeopleErrorCode.PersonNotFound]: { zh: '找不到该人员。', en: 'No such person.' },
  [PeopleErrorCode.UsernameTaken]: { zh: '该用户名已被使用。', en: 'This username is taken.' },
  [PeopleErrorCode.RoleAssignmentNotFound]: { zh: '找不到该角色任命。', en: 'No such role assignment.' },
  [PeopleErrorCode.RoleAlreadyAssigned]: { zh: '此人在该单位已有这个角色。', en: 'The person already holds this role at this unit.' },
  [PeopleErrorCode.OrganisationWideRoleIsAdminOnly]: {
    zh: '只有系统管理员角色可以不指定单位（覆盖全部组织）。',
    en: 'Only the admin role can be held organisation-wide (without a unit).',
  },
  [PeopleErrorCode.CannotRemoveOwnAdmin]: { zh: '不能撤销自己的管理员角色。', en: 'You cannot remove your own admin role.' },
  [PeopleErrorCode.CannotDeactivateSelf]: { zh: '不能停用自己的账号。', en: 'You cannot deactivate your own account.' },
  [PeopleErrorCode.NothingToUpdate]: { zh: '请求中没有要修改的字段。', en: 'The request changes nothing.' },
};

export class PeopleError extends DomainError<PeopleErrorCode> {
  constructor(code: PeopleErrorCode, field?: string) {
    super(code, MESSAGES[code], field);
  }
}
