/** Test-data builders for the rule specs (not imported by the rules themselves). */
import { decideMeeting } from './decide.js';
import type {
  ConfiguredMemberMeetingInput,
  FivePartyMeetingInput,
  MeetingResult,
  MeetingRuleInput,
  ResidentsAssemblyInput,
  StatutoryMemberMeetingInput,
  VillagersAssemblyInput,
  VoteCounts,
} from './meeting-rule.types.js';
import type { RuleInputError } from './rule-error.js';

export const votes = (inFavour: number, against = 0, abstain = 0): VoteCounts => ({ for: inFavour, against, abstain });

export const representativeMeeting = (
  overrides: Partial<Omit<StatutoryMemberMeetingInput, 'body'>> = {},
): StatutoryMemberMeetingInput => ({ body: 'villager_representative_meeting', roster: 30, present: 20, ...overrides });

export const partyMemberAssembly = (
  overrides: Partial<Omit<StatutoryMemberMeetingInput, 'body'>> = {},
): StatutoryMemberMeetingInput => ({ body: 'party_member_assembly', roster: 36, present: 25, ...overrides });

export const configuredMeeting = (
  overrides: Partial<ConfiguredMemberMeetingInput> = {},
): ConfiguredMemberMeetingInput => ({ body: 'resident_council', roster: 21, present: 15, ...overrides });

export const villagersAssembly = (overrides: Partial<Omit<VillagersAssemblyInput, 'body'>> = {}): VillagersAssemblyInput => ({
  body: 'villagers_assembly',
  adults: 800,
  present: 401,
  ...overrides,
});

export const residentsAssembly = (overrides: Partial<Omit<ResidentsAssemblyInput, 'body'>> = {}): ResidentsAssemblyInput => ({
  body: 'residents_assembly',
  adults: 1200,
  present: 601,
  ...overrides,
});

export const fivePartyMeeting = (overrides: Partial<FivePartyMeetingInput> = {}): FivePartyMeetingInput => ({
  body: 'five_party_joint_meeting',
  represented: ['party_organisation', 'residents_committee', 'service_station', 'owners_committee', 'property_company'],
  ...overrides,
});

/** decideMeeting for inputs that must be accepted. */
export const decided = (input: MeetingRuleInput): MeetingResult => {
  const outcome = decideMeeting(input);
  if (!outcome.ok) throw new Error(`expected a result, got ${outcome.error.code}: ${outcome.error.message.en}`);
  return outcome;
};

/** decideMeeting for inputs that must be refused (the input is cast: tests feed impossible figures). */
export const refused = (input: unknown): RuleInputError => {
  const outcome = decideMeeting(input as MeetingRuleInput);
  if (outcome.ok) throw new Error('expected a refusal, got a result');
  return outcome.error;
};
