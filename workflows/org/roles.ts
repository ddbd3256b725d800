import type { Label } from '../core/label.js';

/**
 * The roles a person can hold at an organisation unit. A role held at a unit is inherited by
 * every unit below it. Procedures name these roles when they declare who may send an event.
 */
export const ROLES = {
  resident: { zh: '居民/村民', en: 'Resident / villager' },
  council_member: { zh: '议事会成员', en: 'Resident council member' },
  council_clerk: { zh: '议事会书记员', en: 'Resident council clerk' },
  community_party_secretary: { zh: '社区党组织书记', en: 'Community party secretary' },
  residents_committee: { zh: '居民委员会', en: "Residents' committee" },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  party_branch: { zh: '党支部', en: 'Party branch' },
  party_member: { zh: '党员', en: 'Party member' },
  village_committee: { zh: '村民委员会', en: 'Village committee' },
  villager_representative: { zh: '村民代表', en: 'Villager representative' },
  township_party_committee: { zh: '乡镇（街道）党（工）委', en: 'Township / sub-district party committee' },
  supervisor: { zh: '监督委员会/督查人员', en: 'Supervisor (supervision committee, inspector)' },
  admin: { zh: '系统管理员', en: 'Administrator' },
} as const satisfies Record<string, Label>;

export type Role = keyof typeof ROLES;

export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ROLES, value);
