import { describe, expect, it } from 'vitest';
import type { FiveParty } from './body-types.js';
import { ALL } from './counting.js';
import { decideFivePartyMeeting } from './five-party-meeting.rule.js';
import { decided, fivePartyMeeting, refused, votes } from './meeting.builders.js';

const allFive: FiveParty[] = ['party_organisation', 'residents_committee', 'service_station', 'owners_committee', 'property_company'];
const withoutOwners = allFive.filter((p) => p !== 'owners_committee');

describe(decideFivePartyMeeting.name, () => {
  it('scenario 4: all five represented, all agree on cost sharing → passes', () => {
    const sut = decided(
      fivePartyMeeting({
        positions: { party_organisation: 'for', residents_committee: 'for', service_station: 'for', owners_committee: 'for', property_company: 'for' },
      }),
    );
    expect(sut.quorum).toMatchObject({ met: true, required: 5, actual: 5 });
    expect(sut.decision).toMatchObject({ passed: true, for: 5, base: 5, basis: 'represented_parties' });
    expect(sut.passed).toBe(true);
    expect(sut.rule).toMatchObject({ id: 'local.five_party_joint_meeting', source: 'configuration' });
    expect(sut.figures).toMatchObject({ expected: 5, present: 5, ratio: '5/5', parties: { missing: [] } });
  });

  it("scenario 4 variant: the owners' committee is absent → cannot decide, and the explanation names it", () => {
    const sut = decided(fivePartyMeeting({ represented: withoutOwners, votes: votes(4) }));
    expect(sut.quorum.met).toBe(false);
    expect(sut.passed).toBe(false);
    expect(sut.figures.parties?.missing).toEqual(['owners_committee']);
    expect(sut.figures.ratio).toBe('4/5');
    expect(sut.quorum.explanation.zh).toContain('业主委员会未到会');
    expect(sut.quorum.explanation.en).toContain("Owners' committee not represented");
  });

  it.each([
    // in favour of the five represented: more than half by default
    [2, false],
    [3, true],
  ])('%i of 5 parties in favour → carried %s', (inFavour, passed) => {
    expect(decided(fivePartyMeeting({ votes: votes(inFavour, 5 - inFavour) })).decision.passed).toBe(passed);
  });

  it.each([
    [4, false],
    [5, true],
  ])('configured to unanimity: %i of 5 in favour → carried %s', (inFavour, passed) => {
    const sut = decided(fivePartyMeeting({ config: { decision: ALL }, votes: votes(inFavour, 0, 5 - inFavour) }));
    expect(sut.decision).toMatchObject({ passed, required: 5 });
    expect(sut.rule.description.zh).toContain('到会各方一致赞成');
  });

  it('takes a configured subset of required parties, and measures the decision on those represented', () => {
    const sut = decided(
      fivePartyMeeting({
        config: { quorum: { parties: ['party_organisation', 'residents_committee', 'property_company'] } },
        represented: ['party_organisation', 'residents_committee', 'property_company'],
        positions: { party_organisation: 'for', residents_committee: 'for', property_company: 'against' },
      }),
    );
    expect(sut.quorum).toMatchObject({ met: true, required: 3 });
    expect(sut.decision).toMatchObject({ passed: true, for: 2, against: 1, base: 3 });
  });

  it('counts a represented party without a position as not voting', () => {
    const sut = decided(fivePartyMeeting({ positions: { party_organisation: 'for', residents_committee: 'for' } }));
    expect(sut.decision).toMatchObject({ passed: false, for: 2, notVoting: 3 });
  });

  it.each([
    [{ represented: ['party_organisation', 'landlord'] }, 'unknown_party', 'represented[1]'],
    [{ represented: ['party_organisation', 'party_organisation'] }, 'duplicate_entry', 'represented[1]'],
    [{ represented: withoutOwners, positions: { owners_committee: 'for' } }, 'position_of_absent_party', 'positions.owners_committee'],
    [{ positions: { property_company: 'maybe' } }, 'invalid_choice', 'positions.property_company'],
    [{ positions: { property_company: 'for' }, votes: votes(1) }, 'conflicting_votes', 'positions'],
    [{ represented: withoutOwners, votes: votes(3, 1, 1) }, 'votes_exceed_present', 'votes'],
    [{ config: { quorum: { parties: [] } } }, 'invalid_configuration', 'config.quorum.parties'],
    [{ config: { quorum: { parties: ['landlord'] } } }, 'unknown_party', 'config.quorum.parties'],
    [{ config: { decision: { numerator: 1, denominator: 1, inclusive: false } } }, 'invalid_configuration', 'config.decision'],
  ])('refuses %o with %s', (overrides, code, field) => {
    expect(refused({ ...fivePartyMeeting(), ...overrides })).toMatchObject({ code, field });
  });
});
