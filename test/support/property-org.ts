import { as, createPerson, createUnit, type Caller } from './api.js';
import { ROOT_PASSWORD, ROOT_USERNAME, type TestApp } from './test-app.js';

/**
 * The organisation the property tests run every procedure in: one set of people who, between
 * them, can send every event of every procedure at the unit it is opened at (五步议事 and 四+五 at
 * an open community or its grid, 一报四议两公开 at a village, 五位一体 at a gated community), and
 * some who can send nothing: a supervisor (reads everything, changes nothing), the administrator,
 * and an outsider from another sub-district who must not even see the cases.
 */
export const PROPERTY_ACTORS = [
  'resident',
  'clerk',
  'member',
  'secretary',
  'committee',
  'gridWorker',
  'branch',
  'town',
  'villageCommittee',
  'supervisor',
  'root',
  'outsider',
] as const;
export type PropertyActor = (typeof PROPERTY_ACTORS)[number];

export type PropertyUnit = 'district' | 'beitan' | 'feicuijun' | 'grid' | 'gated' | 'sangzidian' | 'village' | 'nancun' | 'xishequ';

/** Each unit's parent (the district is the root). */
const PARENT: Readonly<Record<PropertyUnit, PropertyUnit | null>> = {
  district: null,
  beitan: 'district',
  feicuijun: 'beitan',
  grid: 'feicuijun',
  gated: 'beitan',
  sangzidian: 'district',
  village: 'sangzidian',
  nancun: 'district',
  xishequ: 'nancun',
};

/** The roles each actor holds, and where (the administrator's role is organisation-wide). */
const ASSIGNMENTS: Readonly<Record<Exclude<PropertyActor, 'root'>, readonly (readonly [string, PropertyUnit])[]>> = {
  // submits every case: a resident role at the district covers every unit a case is opened at
  resident: [['resident', 'district']],
  clerk: [['council_clerk', 'district']],
  member: [['council_member', 'district']],
  // four-plus-five names the handling level's own unit, so these roles sit on each level
  secretary: [
    ['community_party_secretary', 'feicuijun'],
    ['community_party_secretary', 'gated'],
  ],
  committee: [
    ['residents_committee', 'feicuijun'],
    ['residents_committee', 'grid'],
    ['residents_committee', 'gated'],
  ],
  gridWorker: [
    ['grid_worker', 'grid'],
    ['grid_worker', 'feicuijun'],
  ],
  branch: [
    ['party_branch', 'village'],
    ['party_branch', 'grid'],
  ],
  town: [
    ['township_party_committee', 'sangzidian'],
    ['township_party_committee', 'beitan'],
  ],
  villageCommittee: [['village_committee', 'village']],
  // reads everything in the district, may send nothing
  supervisor: [['supervisor', 'district']],
  // another sub-district: no case the properties open is theirs to see
  outsider: [
    ['council_clerk', 'xishequ'],
    ['community_party_secretary', 'nancun'],
  ],
};

const ancestry = (unit: PropertyUnit): PropertyUnit[] => {
  const parent = PARENT[unit];
  return parent === null ? [unit] : [...ancestry(parent), unit];
};

/** Whether a case at `unit` is visible to `actor`: a role held at the unit or above it (else 404). */
export const sees = (actor: PropertyActor, unit: PropertyUnit): boolean =>
  actor === 'root' || ASSIGNMENTS[actor].some(([, at]) => ancestry(unit).includes(at));

export interface PropertyOrg {
  readonly units: Record<PropertyUnit, string>;
  readonly actors: Record<PropertyActor, { id: string; caller: Caller }>;
}

export const buildPropertyOrg = async (t: TestApp): Promise<PropertyOrg> => {
  const root = as(t.http, await t.login(ROOT_USERNAME, ROOT_PASSWORD));
  const rootId = ((await root.get('/api/me')).body as { person: { id: string } }).person.id;
  const district = await createUnit(root, { name: '天桥区', kind: 'district' });
  const beitan = await createUnit(root, { name: '北坦街道', kind: 'subdistrict', parentId: district });
  const feicuijun = await createUnit(root, { name: '翡翠郡社区', kind: 'community', parentId: beitan, communityType: 'open' });
  const grid = await createUnit(root, { name: '第三网格', kind: 'grid', parentId: feicuijun });
  const gated = await createUnit(root, { name: '金色家园社区', kind: 'community', parentId: beitan, communityType: 'closed' });
  const sangzidian = await createUnit(root, { name: '桑梓店镇', kind: 'town', parentId: district });
  const village = await createUnit(root, { name: '鹊山村', kind: 'village', parentId: sangzidian });
  const nancun = await createUnit(root, { name: '南村街道', kind: 'subdistrict', parentId: district });
  const xishequ = await createUnit(root, { name: '西社区', kind: 'community', parentId: nancun, communityType: 'open' });

  const units: Record<PropertyUnit, string> = { district, beitan, feicuijun, grid, gated, sangzidian, village, nancun, xishequ };

  /** A person homed at the unit of their first role, holding each of their roles. */
  const person = async (actor: Exclude<PropertyActor, 'root'>) => {
    const username = `prop.${actor.toLowerCase()}`;
    const [first, ...rest] = ASSIGNMENTS[actor];
    if (!first) throw new Error('a property actor needs a role');
    const { id } = await createPerson(root, { username, unitId: units[first[1]], role: first[0] });
    for (const [role, at] of rest) {
      const res = await root.post(`/api/people/${id}/roles`, { role, unitId: units[at] });
      if (res.status !== 201) throw new Error(`assign ${role} to ${username} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    return { id, caller: as(t.http, await t.login(username, 'password-1234')) };
  };

  const actors = { root: { id: rootId, caller: root } } as Record<PropertyActor, { id: string; caller: Caller }>;
  for (const actor of PROPERTY_ACTORS) if (actor !== 'root') actors[actor] = await person(actor);
  return { units, actors };
};
