import type { Label } from '../core/label.js';

/** Organisation units form a tree: district → sub-district / town → community / village → grid → building. */
export const UNIT_KINDS = {
  district: { label: { zh: '区', en: 'District' }, parents: [] },
  subdistrict: { label: { zh: '街道', en: 'Sub-district' }, parents: ['district'] },
  town: { label: { zh: '镇', en: 'Town' }, parents: ['district'] },
  community: { label: { zh: '社区', en: 'Community' }, parents: ['subdistrict', 'town'] },
  village: { label: { zh: '村', en: 'Village' }, parents: ['subdistrict', 'town'] },
  grid: { label: { zh: '网格', en: 'Grid' }, parents: ['community', 'village'] },
  building: { label: { zh: '楼栋', en: 'Building' }, parents: ['grid', 'community'] },
} as const satisfies Record<string, { label: Label; parents: readonly string[] }>;

export type UnitKind = keyof typeof UNIT_KINDS;
export const UNIT_KIND_NAMES = Object.keys(UNIT_KINDS) as UnitKind[];

export const COMMUNITY_TYPES = {
  closed: { zh: '封闭式社区', en: 'Closed (gated) community' },
  open: { zh: '开放式社区', en: 'Open community' },
  village_to_community: { zh: '村改居社区', en: 'Village-to-community' },
} as const satisfies Record<string, Label>;

export type CommunityType = keyof typeof COMMUNITY_TYPES;
export const COMMUNITY_TYPE_NAMES = Object.keys(COMMUNITY_TYPES) as CommunityType[];

/** Whether a unit of `child` kind may sit directly under a unit of `parent` kind (null: a root). */
export const mayHaveParent = (child: UnitKind, parent: UnitKind | null): boolean => {
  const allowed: readonly UnitKind[] = UNIT_KINDS[child].parents;
  return parent === null ? allowed.length === 0 : allowed.includes(parent);
};
