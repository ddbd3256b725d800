import { describe, expect, it } from 'vitest';
import { decideMemberMeeting } from './member-meeting.rule.js';
import { decided, partyMemberAssembly, representativeMeeting, votes } from './meeting.builders.js';

describe(decideMemberMeeting.name, () => {
  describe('villager-representative meeting (art. 26): two thirds or more present; more than half of present in favour', () => {
    it.each([
      // roster, present, quorum met, required
      [30, 20, true, 20],
      [30, 19, false, 20],
      [45, 30, true, 30],
      [45, 29, false, 30],
      [3, 2, true, 2],
      [3, 1, false, 2],
      [45, 45, true, 30],
    ])('%i members, %i present → quorum %s (at least %i)', (roster, present, met, required) => {
      const sut = decided(representativeMeeting({ roster, present }));
      expect(sut.quorum).toMatchObject({ met, required, base: roster, actual: present });
      expect(sut.figures).toMatchObject({ expected: roster, present, ratio: `${present}/${roster}`, quorumBase: roster });
    });

    it.each([
      // present, for, passed, required
      [20, 10, false, 11],
      [20, 11, true, 11],
      [21, 11, true, 11],
      [21, 10, false, 11],
      [31, 16, true, 16],
      [31, 15, false, 16],
    ])('%i present, %i in favour → carried %s (at least %i)', (present, inFavour, passed, required) => {
      const sut = decided(representativeMeeting({ roster: present, present, votes: votes(inFavour, present - inFavour) }));
      expect(sut.decision).toMatchObject({ passed, required, base: present, basis: 'present' });
      expect(sut.passed).toBe(passed);
    });

    it('carries scenario 2: 45 members, 31 present, 24 for, 5 against, 2 abstaining by show of hands', () => {
      const sut = decided(representativeMeeting({ roster: 45, present: 31, votes: votes(24, 5, 2) }));
      expect(sut.quorum).toMatchObject({ met: true, required: 30 });
      expect(sut.decision).toMatchObject({ passed: true, required: 16, for: 24, against: 5, abstain: 2, notVoting: 0 });
      expect(sut.passed).toBe(true);
      expect(sut.rule).toMatchObject({ id: 'villagers-committees-law.art-26', source: 'statutory' });
      expect(sut.rule.citation.zh).toBe('《中华人民共和国村民委员会组织法》第二十六条');
      expect(sut.quorum.explanation.zh).toBe('实到31人，达到应到组成人员45人的三分之二以上（至少30人），符合法定人数');
      expect(sut.decision.explanation.en).toBe(
        '24 for, 5 against, 2 abstaining; 24 in favour, which is more than half of the 31 present (at least 16 needed): carried',
      );
    });

    it('counts members present who did not vote against nobody: abstentions and silence both fail to carry', () => {
      const sut = decided(representativeMeeting({ roster: 30, present: 20, votes: votes(10, 3, 2) }));
      expect(sut.decision).toMatchObject({ passed: false, notVoting: 5 });
    });
  });

  describe("party-member assembly (branch regulations art. 11): more than half attend; more than half of the ELIGIBLE in favour", () => {
    it.each([
      [36, 18, false, 19],
      [36, 19, true, 19],
      [20, 10, false, 11],
      [20, 11, true, 11],
    ])('%i eligible, %i present → quorum %s (at least %i)', (roster, present, met, required) => {
      expect(decided(partyMemberAssembly({ roster, present })).quorum).toMatchObject({ met, required });
    });

    it.each([
      // eligible 20, present 15: the base is the 20 eligible, not the 15 present
      [10, false],
      [11, true],
    ])('20 eligible, 15 present, %i in favour → passed %s', (inFavour, passed) => {
      const sut = decided(partyMemberAssembly({ roster: 20, present: 15, votes: votes(inFavour, 15 - inFavour) }));
      expect(sut.quorum.met).toBe(true);
      expect(sut.decision).toMatchObject({ passed, required: 11, base: 20, basis: 'eligible' });
      expect(sut.passed).toBe(passed);
    });

    it('fails with a majority of those present that is not a majority of the eligible', () => {
      // 9 of 15 present is more than half of those present, but not more than half of 20.
      const sut = decided(partyMemberAssembly({ roster: 20, present: 15, votes: votes(9, 6) }));
      expect(sut.decision.passed).toBe(false);
    });

    it('scenario 2, first attempt: 36 eligible, 18 present → no quorum, nothing decided', () => {
      const sut = decided(partyMemberAssembly({ roster: 36, present: 18 }));
      expect(sut.quorum).toMatchObject({ met: false, required: 19 });
      expect(sut.decision.voted).toBe(false);
      expect(sut.passed).toBe(false);
      expect(sut.quorum.explanation).toEqual({
        zh: '实到18人，未达到应到有表决权党员36人的过半数（至少19人），不足法定人数',
        en: '18 present, which is not more than half of the 36 voting members who should attend (at least 19 needed): no quorum',
      });
    });

    it('scenario 2, second attempt: 25 present, 22 for → passes', () => {
      const sut = decided(partyMemberAssembly({ roster: 36, present: 25, votes: votes(22, 2, 1) }));
      expect(sut.quorum.explanation.zh).toBe('实到25人，达到应到有表决权党员36人的过半数（至少19人），符合法定人数');
      expect(sut.decision).toMatchObject({ passed: true, required: 19, base: 36 });
      expect(sut.figures).toMatchObject({ expected: 36, present: 25, ratio: '25/36', quorumBase: 36, decisionBase: 36 });
      expect(sut.passed).toBe(true);
    });

    it('records a vote taken without a quorum but lets it decide nothing', () => {
      const sut = decided(partyMemberAssembly({ roster: 36, present: 18, votes: votes(18) }));
      expect(sut.quorum.met).toBe(false);
      expect(sut.decision.passed).toBe(false);
      expect(sut.passed).toBe(false);
    });
  });

  describe('recusal (回避): recused members leave the base', () => {
    it.each([
      // roster, recused, present, quorum met
      [30, 0, 19, false],
      [30, 2, 19, true], // 19 × 3 = 57 ≥ 28 × 2 = 56
      [30, 2, 18, false], // 54 < 56
      [30, 3, 18, true], // 54 ≥ 54
    ])('representatives: %i on the roster, %i recused, %i present → quorum %s', (roster, recused, present, met) => {
      const sut = decided(representativeMeeting({ roster, recused, present }));
      expect(sut.quorum.met).toBe(met);
      expect(sut.figures).toMatchObject({ expected: roster, recused, quorumBase: roster - recused, ratio: `${present}/${roster - recused}` });
    });

    it('says so in the explanation', () => {
      const sut = decided(representativeMeeting({ roster: 30, recused: 2, present: 19 }));
      expect(sut.quorum.explanation).toEqual({
        zh: '实到19人，达到应到组成人员30人除回避2人后的28人的三分之二以上（至少19人），符合法定人数',
        en: '19 present, which is two thirds or more of the 30 members on the roster less 2 recused, i.e. 28 (at least 19 needed): quorum met',
      });
    });

    it.each([
      // party-member assembly, 20 eligible, 10 in favour: fails; 2 recused → base 18 → 10 passes
      [0, 10, false, 11],
      [2, 10, true, 10],
      [2, 9, false, 10],
    ])('party members: 20 eligible, %i recused, %i in favour → passed %s (at least %i)', (recused, inFavour, passed, required) => {
      const sut = decided(partyMemberAssembly({ roster: 20, recused, present: 15, votes: votes(inFavour) }));
      expect(sut.decision).toMatchObject({ passed, required, base: 20 - recused });
      expect(sut.figures.decisionBase).toBe(20 - recused);
    });

    it('leaves a present-based decision base at those present (the recused are not among them)', () => {
      const sut = decided(representativeMeeting({ roster: 30, recused: 2, present: 20, votes: votes(11) }));
      expect(sut.decision).toMatchObject({ base: 20, required: 11, passed: true });
    });
  });
});
