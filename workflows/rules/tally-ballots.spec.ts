import { describe, expect, it } from 'vitest';
import { tallyBallots, type Ballot } from './tally-ballots.js';

const ballot = (voter: string, choice: Ballot['choice'] = 'for'): Ballot => ({ voter, choice });

describe(tallyBallots.name, () => {
  it('reduces named ballots to counts', () => {
    const sut = tallyBallots([ballot('a'), ballot('b'), ballot('c', 'against'), ballot('d', 'abstain')]);
    expect(sut).toEqual({ ok: true, votes: { for: 2, against: 1, abstain: 1 } });
  });

  it('refuses a member voting twice (scenario 5)', () => {
    expect(tallyBallots([ballot('a'), ballot('b'), ballot('a', 'against')])).toMatchObject({
      ok: false,
      error: { code: 'duplicate_entry', field: 'ballots[2].voter' },
    });
  });

  it('refuses a choice that is not for, against or abstain', () => {
    expect(tallyBallots([{ voter: 'a', choice: 'maybe' } as unknown as Ballot])).toMatchObject({
      ok: false,
      error: { code: 'invalid_choice' },
    });
  });
});
