import { describe, expect, it } from 'vitest';
import { getProcedure } from '../registry.js';
import type { Role } from '../org/roles.js';
import { maySend, type ActorFact, type CaseFact } from './permissions.js';

const village = getProcedure('one-report-four-deliberations');
const fourPlusFive = getProcedure('four-plus-five');
const events = { ...village?.events, ...fourPlusFive?.events };
const decl = (type: string) => {
  const d = (type.startsWith('review.') || type === 'case.escalate' ? fourPlusFive?.events : village?.events)?.[type];
  if (!d) throw new Error(type);
  return d;
};

const villagePath: CaseFact['unitPath'] = [
  { id: 'tianqiao', kind: 'district' },
  { id: 'sangzidian', kind: 'town' },
  { id: 'village-1', kind: 'village' },
];
const villageCase: CaseFact = { submitterId: 'p-submitter', unitPath: villagePath };
const person = (personId: string, ...assignments: [Role, string][]): ActorFact => ({
  kind: 'person',
  personId,
  assignments: assignments.map(([role, unitId]) => ({ role, unitId })),
});

describe(maySend.name, () => {
  it('lets the township party committee approve a report of a village below it, naming the assignment', () => {
    expect(maySend(decl('report.approve'), person('p1', ['township_party_committee', 'sangzidian']), villageCase)).toEqual({
      allowed: true,
      as: 'role',
      role: 'township_party_committee',
      unitId: 'sangzidian',
    });
  });

  it('refuses the township role held at another town', () => {
    expect(maySend(decl('report.approve'), person('p1', ['township_party_committee', 'other-town']), villageCase)).toEqual({ allowed: false });
  });

  it('refuses the village party branch approving its own report', () => {
    expect(maySend(decl('report.approve'), person('p1', ['party_branch', 'village-1']), villageCase)).toEqual({ allowed: false });
  });

  it('refuses a role held at the district when the event wants it at town level', () => {
    expect(maySend(decl('report.approve'), person('p1', ['township_party_committee', 'tianqiao']), villageCase)).toEqual({ allowed: false });
  });

  it('never lets a person — not even an admin — send a system event such as a meeting result', () => {
    const admin = person('root', ['admin', 'tianqiao'], ['party_branch', 'village-1'], ['township_party_committee', 'sangzidian']);
    expect(maySend(decl('meeting.closed'), admin, villageCase)).toEqual({ allowed: false });
    expect(maySend(decl('notice.periodEnded'), admin, villageCase)).toEqual({ allowed: false });
    expect(maySend(decl('meeting.closed'), { kind: 'system' }, villageCase)).toEqual({ allowed: true, as: 'system' });
  });

  it('lets only the submitter withdraw', () => {
    const withdraw = fourPlusFive?.events['case.withdraw'];
    if (!withdraw) throw new Error('no withdraw');
    const kase: CaseFact = { submitterId: 'p-submitter', unitPath: villagePath };
    expect(maySend(withdraw, person('p-submitter'), kase)).toEqual({ allowed: true, as: 'submitter' });
    expect(maySend(withdraw, person('p-other', ['grid_worker', 'village-1']), kase)).toEqual({ allowed: false });
    expect(maySend(withdraw, person('p-submitter'), { ...kase, submitterId: null })).toEqual({ allowed: false });
  });

  describe('four-plus-five review by the party committee of the handling level', () => {
    const gridPath: CaseFact['unitPath'] = [
      { id: 'tianqiao', kind: 'district' },
      { id: 'beitan', kind: 'subdistrict' },
      { id: 'community-1', kind: 'community' },
      { id: 'grid-3', kind: 'grid' },
    ];
    const communitySecretary = person('p2', ['community_party_secretary', 'community-1']);
    const subdistrictCommittee = person('p3', ['township_party_committee', 'beitan']);

    it('belongs to the community when the case is handled at community level', () => {
      const kase: CaseFact = { submitterId: null, unitPath: gridPath, handlingLevel: 'community' };
      expect(maySend(decl('review.approve'), communitySecretary, kase)).toMatchObject({ allowed: true, unitId: 'community-1' });
      expect(maySend(decl('review.approve'), subdistrictCommittee, kase)).toEqual({ allowed: false });
    });

    it('moves to the sub-district once the case is escalated there', () => {
      const kase: CaseFact = { submitterId: null, unitPath: gridPath, handlingLevel: 'subdistrict' };
      expect(maySend(decl('review.approve'), subdistrictCommittee, kase)).toMatchObject({ allowed: true, unitId: 'beitan' });
      expect(maySend(decl('review.approve'), communitySecretary, kase)).toEqual({ allowed: false });
    });
  });

  it('has every event of these procedures declare at least one sender', () => {
    for (const [type, d] of Object.entries(events)) expect(d.senders.length, type).toBeGreaterThan(0);
  });
});
