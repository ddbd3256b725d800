import { as, createPerson, createUnit, type Caller } from './api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, type TestApp } from './test-app.js';

/**
 * A small organisation for case tests, named after shared/scenarios.md: 天桥区 with 北坦街道 (an
 * open community, 翡翠郡社区, and a gated one) and 桑梓店镇 with a village; one account per acting
 * role.
 */
export interface CaseOrg {
  readonly root: Caller;
  readonly units: {
    district: string;
    beitan: string;
    feicuijun: string;
    grid: string;
    gated: string;
    sangzidian: string;
    village: string;
  };
  readonly people: Record<
    'resident' | 'clerk' | 'secretary' | 'committee' | 'gridWorker' | 'branch' | 'town' | 'villageCommittee' | 'supervisor' | 'outsider',
    { id: string; caller: Caller }
  >;
}

export const buildCaseOrg = async (t: TestApp): Promise<CaseOrg> => {
  const root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
  const district = await createUnit(root, { name: '天桥区', kind: 'district' });
  const beitan = await createUnit(root, { name: '北坦街道', kind: 'subdistrict', parentId: district });
  const feicuijun = await createUnit(root, { name: '翡翠郡社区', kind: 'community', parentId: beitan, communityType: 'open' });
  const grid = await createUnit(root, { name: '第三网格', kind: 'grid', parentId: feicuijun });
  const gated = await createUnit(root, { name: '金色家园社区', kind: 'community', parentId: beitan, communityType: 'closed' });
  const sangzidian = await createUnit(root, { name: '桑梓店镇', kind: 'town', parentId: district });
  const village = await createUnit(root, { name: '鹊山村', kind: 'village', parentId: sangzidian });
  const person = async (username: string, unitId: string, role: string) => {
    const { id } = await createPerson(root, { username, unitId, role });
    return { id, caller: as(t.http, await t.login(username, 'password-1234')) };
  };
  return {
    root,
    units: { district, beitan, feicuijun, grid, gated, sangzidian, village },
    people: {
      resident: await person('resident.wang', feicuijun, 'resident'),
      clerk: await person('clerk.li', feicuijun, 'council_clerk'),
      secretary: await person('secretary.sun', feicuijun, 'community_party_secretary'),
      committee: await person('committee.zhou', feicuijun, 'residents_committee'),
      gridWorker: await person('grid.zhao', grid, 'grid_worker'),
      branch: await person('branch.qian', village, 'party_branch'),
      town: await person('town.wu', sangzidian, 'township_party_committee'),
      villageCommittee: await person('village.zheng', village, 'village_committee'),
      supervisor: await person('supervisor.feng', district, 'supervisor'),
      outsider: await person('outsider.chen', gated, 'council_clerk'),
    },
  };
};
