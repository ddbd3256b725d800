import type { Role } from '../../workflows/org/roles.js';
import type { CommunityType, UnitKind } from '../../workflows/org/unit-kinds.js';

/**
 * The demo organisation: Tianqiao District, Jinan, with places the source material names
 * (北坦街道, 南村街道 西社区, 北村街道, 翡翠郡社区, 桑梓店镇). 金色家园社区 and 鹊山村 are invented
 * stand-ins for a gated estate and a village; household and population figures are plausible,
 * not factual; all people are invented.
 */
export interface DemoUnit {
  readonly key: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly households: number;
  readonly adultPopulation: number;
  readonly communityType?: CommunityType;
  readonly children?: readonly DemoUnit[];
}

export interface DemoAccount {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  /** `key` of the unit where the role is held (and whose admins look after the account) */
  readonly unit: string;
}

const grid = (key: string, name: string, households: number, children: DemoUnit[] = []): DemoUnit => ({
  key,
  name,
  kind: 'grid',
  households,
  adultPopulation: Math.round(households * 2.4),
  children,
});
const building = (key: string, name: string, households: number): DemoUnit => ({
  key,
  name,
  kind: 'building',
  households,
  adultPopulation: Math.round(households * 2.3),
});

export const DEMO_TREE: DemoUnit = {
  key: 'tianqiao',
  name: '天桥区',
  kind: 'district',
  households: 245_000,
  adultPopulation: 560_000,
  children: [
    {
      key: 'beitan',
      name: '北坦街道',
      kind: 'subdistrict',
      households: 21_000,
      adultPopulation: 48_000,
      children: [
        {
          key: 'feicuijun',
          name: '翡翠郡社区',
          kind: 'community',
          communityType: 'open',
          households: 3_200,
          adultPopulation: 7_600,
          children: [
            grid('feicuijun-grid-1', '翡翠郡社区第一网格', 300, [building('feicuijun-b3', '翡翠郡3号楼', 96)]),
            grid('feicuijun-grid-2', '翡翠郡社区第二网格', 290),
          ],
        },
        {
          key: 'jinse',
          name: '金色家园社区',
          kind: 'community',
          communityType: 'closed',
          households: 1_800,
          adultPopulation: 4_300,
          children: [grid('jinse-grid-1', '金色家园社区第一网格', 300, [building('jinse-b6', '金色家园6号楼', 36)])],
        },
      ],
    },
    {
      key: 'nancun',
      name: '南村街道',
      kind: 'subdistrict',
      households: 18_000,
      adultPopulation: 41_000,
      children: [
        {
          key: 'xi',
          name: '西社区',
          kind: 'community',
          communityType: 'open',
          households: 2_600,
          adultPopulation: 6_100,
          children: [grid('xi-grid-1', '西社区第一网格', 310, [building('xi-b5', '西社区5号楼', 60)])],
        },
      ],
    },
    {
      key: 'beicun',
      name: '北村街道',
      kind: 'subdistrict',
      households: 16_000,
      adultPopulation: 37_000,
      children: [
        {
          key: 'beicun-community',
          name: '北村社区',
          kind: 'community',
          communityType: 'open',
          households: 2_400,
          adultPopulation: 5_600,
          children: [grid('beicun-grid-1', '北村社区第一网格', 300)],
        },
      ],
    },
    {
      key: 'sanzidian',
      name: '桑梓店镇',
      kind: 'town',
      households: 12_000,
      adultPopulation: 29_000,
      children: [
        {
          key: 'queshan',
          name: '鹊山村',
          kind: 'village',
          households: 420,
          adultPopulation: 1_050,
          children: [grid('queshan-grid-1', '鹊山村第一网格', 210)],
        },
        {
          key: 'sanzidian-community',
          name: '桑梓店社区',
          kind: 'community',
          communityType: 'village_to_community',
          households: 1_500,
          adultPopulation: 3_500,
          children: [grid('sanzidian-grid-1', '桑梓店社区第一网格', 300)],
        },
      ],
    },
  ],
};

/** One account per role (two admins: a district one and a sub-district one, to show subtrees). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo.admin', name: '刘建国', role: 'admin', unit: 'tianqiao' },
  { username: 'beitan.admin', name: '孙丽', role: 'admin', unit: 'beitan' },
  { username: 'feicuijun.resident', name: '王秀英', role: 'resident', unit: 'feicuijun' },
  { username: 'feicuijun.council', name: '李明', role: 'council_member', unit: 'feicuijun' },
  { username: 'feicuijun.clerk', name: '赵静', role: 'council_clerk', unit: 'feicuijun' },
  { username: 'feicuijun.secretary', name: '陈国华', role: 'community_party_secretary', unit: 'feicuijun' },
  { username: 'feicuijun.committee', name: '周玉兰', role: 'residents_committee', unit: 'feicuijun' },
  { username: 'feicuijun.grid', name: '吴强', role: 'grid_worker', unit: 'feicuijun-grid-1' },
  { username: 'queshan.branch', name: '郑卫东', role: 'party_branch', unit: 'queshan' },
  { username: 'queshan.member', name: '冯桂芳', role: 'party_member', unit: 'queshan' },
  { username: 'queshan.committee', name: '何志刚', role: 'village_committee', unit: 'queshan' },
  { username: 'queshan.rep', name: '许春梅', role: 'villager_representative', unit: 'queshan' },
  { username: 'queshan.supervisor', name: '黄淑珍', role: 'supervisor', unit: 'queshan' },
  { username: 'sanzidian.party', name: '马德山', role: 'township_party_committee', unit: 'sanzidian' },
];
