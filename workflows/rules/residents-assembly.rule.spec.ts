import { describe, expect, it } from 'vitest';
import { decided, refused, residentsAssembly, votes } from './meeting.builders.js';
import { decideResidentsAssembly } from './residents-assembly.rule.js';

describe(decideResidentsAssembly.name, () => {
  it.each([
    [1200, 601, true],
    [1200, 600, false],
    [20, 10, false],
    [20, 11, true],
  ])('%i adult residents, %i attending → quorum %s', (adults, present, met) => {
    expect(decided(residentsAssembly({ adults, present })).quorum.met).toBe(met);
  });

  it.each([
    // households, represented: more than half (unlike the villagers' two thirds or more)
    [400, 200, false],
    [400, 201, true],
    [300, 200, true],
  ])('%i households, %i represented → quorum %s', (households, represented, met) => {
    const sut = decided(residentsAssembly({ adults: 1200, present: 250, households, householdsRepresented: represented }));
    expect(sut.quorum.checks[0]?.met).toBe(false);
    expect(sut.quorum.met).toBe(met);
  });

  it.each([
    [30, 15, false],
    [30, 16, true],
  ])('%i group representatives, %i attending → quorum %s', (total, attending, met) => {
    const sut = decided(
      residentsAssembly({ adults: 1200, present: attending, groupRepresentatives: total, groupRepresentativesPresent: attending }),
    );
    expect(sut.quorum.met).toBe(met);
    expect(sut.quorum.checks.map((c) => c.measure)).toEqual(['adults', 'group_representatives']);
    expect(sut.figures.groupRepresentatives).toEqual({ total, present: attending, ratio: `${attending}/${total}` });
  });

  it.each([
    [601, 300, false],
    [601, 301, true],
  ])('%i attending, %i in favour → carried %s', (present, inFavour, passed) => {
    const sut = decided(residentsAssembly({ adults: 1200, present, votes: votes(inFavour) }));
    expect(sut.decision).toMatchObject({ passed, base: present });
  });

  it('cites art. 9', () => {
    expect(decided(residentsAssembly()).rule).toMatchObject({ id: 'urban-residents-committees-law.art-9', source: 'statutory' });
  });

  it.each([
    [{ groupRepresentatives: 30 }, 'incomplete_figures', 'groupRepresentativesPresent'],
    [{ groupRepresentatives: 30, groupRepresentativesPresent: 31, present: 40 }, 'present_exceed_base', 'groupRepresentativesPresent'],
    [{ groupRepresentatives: 30, groupRepresentativesPresent: 20, present: 10 }, 'represented_exceed_present', 'groupRepresentativesPresent'],
    [{ groupRepresentatives: 0, groupRepresentativesPresent: 0 }, 'empty_base', 'groupRepresentatives'],
    [{ groupRepresentatives: 2.5, groupRepresentativesPresent: 1 }, 'invalid_count', 'groupRepresentatives'],
  ])('refuses %o with %s', (overrides, code, field) => {
    expect(refused(residentsAssembly(overrides))).toMatchObject({ code, field });
  });
});
