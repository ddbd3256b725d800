import { describe, expect, it } from 'vitest';
import { BODY_TYPE_NAMES } from './body-types.js';
import { decideMeeting } from './decide.js';
import {
  configuredMeeting,
  decided,
  partyMemberAssembly,
  refused,
  representativeMeeting,
  villagersAssembly,
  votes,
} from './meeting.builders.js';
import { RULE_ERROR_CODES } from './rule-error.js';

describe(decideMeeting.name, () => {
  it('passes only when the quorum is met AND the decision is carried', () => {
    const cases = [
      { input: representativeMeeting({ roster: 30, present: 20, votes: votes(11) }), quorum: true, decision: true },
      { input: representativeMeeting({ roster: 30, present: 20, votes: votes(10) }), quorum: true, decision: false },
      { input: representativeMeeting({ roster: 30, present: 19, votes: votes(19) }), quorum: false, decision: true },
      { input: representativeMeeting({ roster: 30, present: 19, votes: votes(0) }), quorum: false, decision: false },
    ];
    for (const { input, quorum, decision } of cases) {
      const sut = decided(input);
      expect(sut.quorum.met).toBe(quorum);
      expect(sut.decision.passed).toBe(decision);
      expect(sut.passed).toBe(quorum && decision);
    }
  });

  it('writes one explanation for the record, in zh and en', () => {
    const sut = decided(partyMemberAssembly({ roster: 36, present: 25, votes: votes(22, 2, 1) }));
    expect(sut.explanation.zh).toBe(
      '党员大会。实到25人，达到应到有表决权党员36人的过半数（至少19人），符合法定人数。' +
        '赞成22人、反对2人、弃权1人；赞成22人，达到应到有表决权党员36人的过半数（至少19人），通过。结论：通过。',
    );
    expect(sut.explanation.en).toMatch(/^Party-member assembly\. 25 present, .* Result: passed\.$/);
  });

  it('says a vote is still to come when none was given', () => {
    const sut = decided(representativeMeeting({ roster: 30, present: 20 }));
    expect(sut.decision).toMatchObject({ voted: false, passed: false, notVoting: 20 });
    expect(sut.explanation.zh).toContain('结论：尚未表决');
  });

  describe('refuses impossible figures with a typed error', () => {
    it.each([
      [representativeMeeting({ roster: -1 }), 'invalid_count', 'roster'],
      [representativeMeeting({ present: 20.5 }), 'invalid_count', 'present'],
      [representativeMeeting({ present: Number.NaN }), 'invalid_count', 'present'],
      [representativeMeeting({ present: Number.POSITIVE_INFINITY }), 'invalid_count', 'present'],
      [{ ...representativeMeeting(), present: '20' }, 'invalid_count', 'present'],
      [representativeMeeting({ recused: -2 }), 'invalid_count', 'recused'],
      [representativeMeeting({ roster: 30, present: 31 }), 'present_exceed_base', 'present'],
      [representativeMeeting({ roster: 30, recused: 31 }), 'recused_exceed_roster', 'recused'],
      [representativeMeeting({ roster: 30, recused: 2, present: 29 }), 'present_exceed_base', 'present'],
      [representativeMeeting({ roster: 30, recused: 30, present: 0 }), 'empty_base', 'recused'],
      [representativeMeeting({ roster: 0, present: 0 }), 'empty_base', 'roster'],
      [representativeMeeting({ present: 20, votes: votes(15, 5, 1) }), 'votes_exceed_present', 'votes'],
      [representativeMeeting({ votes: votes(-1) }), 'invalid_count', 'votes.for'],
      [representativeMeeting({ votes: { for: 1, against: 1, abstain: 0.5 } }), 'invalid_count', 'votes.abstain'],
      [villagersAssembly({ adults: 100, present: 101 }), 'present_exceed_base', 'present'],
      [villagersAssembly({ adults: 0, present: 0 }), 'empty_base', 'adults'],
      [villagersAssembly({ households: 300 }), 'incomplete_figures', 'householdsRepresented'],
      [villagersAssembly({ householdsRepresented: 3 }), 'incomplete_figures', 'households'],
      [villagersAssembly({ households: 300, householdsRepresented: 301, present: 500 }), 'represented_exceed_households', 'householdsRepresented'],
      [villagersAssembly({ present: 100, households: 300, householdsRepresented: 200 }), 'represented_exceed_present', 'householdsRepresented'],
      [villagersAssembly({ households: 0, householdsRepresented: 0 }), 'empty_base', 'households'],
      [villagersAssembly({ present: 10, votes: votes(6, 5) }), 'votes_exceed_present', 'votes'],
      [{ ...villagersAssembly(), config: { quorum: { numerator: 1, denominator: 3, inclusive: true } } }, 'configuration_not_allowed', 'config'],
      [{ ...partyMemberAssembly(), config: {} }, 'configuration_not_allowed', 'config'],
      [{ body: 'shareholders_meeting', roster: 10, present: 10 }, 'unknown_body', 'body'],
      [null, 'unknown_body', 'body'],
    ])('%o → %s on %s', (input, code, field) => {
      const sut = refused(input);
      expect(sut).toMatchObject({ code, field });
      expect(sut.message.zh.length).toBeGreaterThan(0);
      expect(sut.message.en.length).toBeGreaterThan(0);
    });

    it('names the figures in the message', () => {
      expect(refused(representativeMeeting({ roster: 30, present: 31 })).message).toEqual({
        zh: '实到31人，超过应到30人',
        en: '31 present, more than the 30 who could attend',
      });
    });

    it('uses only the documented codes', () => {
      const code = refused(configuredMeeting({ config: { quorum: { numerator: 0, denominator: 3, inclusive: true } } })).code;
      expect(RULE_ERROR_CODES).toContain(code);
    });
  });

  it('has a rule for every body type', () => {
    for (const body of BODY_TYPE_NAMES) {
      const input =
        body === 'villagers_assembly' || body === 'residents_assembly'
          ? { body, adults: 10, present: 6 }
          : body === 'five_party_joint_meeting'
            ? { body, represented: [] }
            : { body, roster: 10, present: 7 };
      const sut = decideMeeting(input);
      expect(sut.ok, body).toBe(true);
      if (sut.ok) expect(sut.rule.body).toBe(body);
    }
  });
});
