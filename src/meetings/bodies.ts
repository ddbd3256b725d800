import type { Label } from '../../workflows/core/label.js';
import type { Role } from '../../workflows/org/roles.js';
import type { BodyType } from '../../workflows/rules/body-types.js';

/** How attendance is taken: a named roll call, counts of a population, or the parties represented. */
export type AttendanceKind = 'named' | 'counts' | 'parties';

export interface BodyDefinition {
  /** Roles held at the body's unit that make a person a member (the roster). Empty for assemblies. */
  readonly members: readonly Role[];
  /** Roles that convene the body and record its meetings (held at the unit or above). */
  readonly conveners: readonly Role[];
  readonly attendance: AttendanceKind;
  /** Days of notice the law requires before the meeting; a unit may configure more, never less. */
  readonly statutoryNoticeDays: number;
  readonly noticeCitation?: Label;
}

/**
 * Who sits on each body and who convenes it — declared once, here. Sources: 村民委员会组织法
 * art. 21 (the village committee convenes the villagers' assembly), art. 25 (the representative
 * meeting is the committee members plus the representatives), art. 26 (the committee convenes
 * it); the branch regulations (the branch convenes the party-member assembly and its own
 * meetings); the procedures' event senders for the rest (the council clerk runs the resident
 * council, the community party secretary the five-party meeting). See docs/meetings.md.
 */
export const BODY_DEFINITIONS: Readonly<Record<BodyType, BodyDefinition>> = {
  villagers_assembly: {
    members: [],
    conveners: ['village_committee'],
    attendance: 'counts',
    statutoryNoticeDays: 10,
    noticeCitation: { zh: '《中华人民共和国村民委员会组织法》第二十一条：召集村民会议，应当提前十天通知村民', en: "Organic Law of the Villagers' Committees, art. 21: villagers are notified ten days before a villagers' assembly" },
  },
  villager_representative_meeting: { members: ['villager_representative', 'village_committee'], conveners: ['village_committee'], attendance: 'named', statutoryNoticeDays: 0 },
  party_member_assembly: { members: ['party_member'], conveners: ['party_branch'], attendance: 'named', statutoryNoticeDays: 0 },
  two_committee_joint_meeting: { members: ['party_branch', 'village_committee'], conveners: ['party_branch', 'village_committee'], attendance: 'named', statutoryNoticeDays: 0 },
  party_organisation_meeting: { members: ['party_branch'], conveners: ['party_branch'], attendance: 'named', statutoryNoticeDays: 0 },
  residents_assembly: { members: [], conveners: ['residents_committee'], attendance: 'counts', statutoryNoticeDays: 0 },
  resident_council: { members: ['council_member'], conveners: ['council_clerk'], attendance: 'named', statutoryNoticeDays: 0 },
  five_party_joint_meeting: { members: [], conveners: ['community_party_secretary'], attendance: 'parties', statutoryNoticeDays: 0 },
};

/** Settings a unit keeps for one of its bodies (all optional). */
export interface BodySettings {
  /** The rule for a body without statutory numbers (see workflows/rules/rule-config.ts). */
  readonly config?: Record<string, unknown>;
  /** Notice in days before a meeting; at least the statutory notice. */
  readonly noticeDays?: number;
  /** Women among the villager representatives (people carry no gender; the clerk keeps this count). */
  readonly womenRepresentatives?: number;
  /** Whether the body votes by secret ballot only (e.g. by its own rules for personnel matters). */
  readonly secretBallotOnly?: boolean;
}

/** The notice a meeting needs: the statutory minimum, or the unit's longer setting. */
export const noticeDaysOf = (body: BodyType, settings: BodySettings): number =>
  Math.max(BODY_DEFINITIONS[body].statutoryNoticeDays, settings.noticeDays ?? 0);
