import type { Label } from '../core/label.js';

/** The kinds of body that hold the meetings a procedure step needs (see docs/rules.md). */
export const BODY_TYPES = {
  villagers_assembly: { zh: '村民会议', en: "Villagers' assembly" },
  villager_representative_meeting: { zh: '村民代表会议', en: 'Villager-representative meeting' },
  party_member_assembly: { zh: '党员大会', en: 'Party-member assembly' },
  two_committee_joint_meeting: { zh: '两委联席会议', en: 'Two-committee joint meeting' },
  party_organisation_meeting: { zh: '村党组织会议', en: 'Party organisation meeting' },
  residents_assembly: { zh: '居民会议', en: "Residents' assembly" },
  resident_council: { zh: '居民议事会', en: 'Resident council' },
  five_party_joint_meeting: { zh: '五方联席会议', en: 'Five-party joint meeting' },
} as const satisfies Record<string, Label>;

export type BodyType = keyof typeof BODY_TYPES;
export const BODY_TYPE_NAMES = Object.keys(BODY_TYPES) as BodyType[];

/** The five parties of 五位一体 joint consultation in closed communities. */
export const FIVE_PARTIES = {
  party_organisation: { zh: '社区党组织', en: 'Community party organisation' },
  residents_committee: { zh: '居民委员会', en: "Residents' committee" },
  service_station: { zh: '社区服务站', en: 'Community service station' },
  owners_committee: { zh: '业主委员会', en: "Owners' committee" },
  property_company: { zh: '物业服务企业', en: 'Property-management company' },
} as const satisfies Record<string, Label>;

export type FiveParty = keyof typeof FIVE_PARTIES;
export const FIVE_PARTY_NAMES = Object.keys(FIVE_PARTIES) as FiveParty[];
