import { describe, expect, it } from 'vitest';
import { decided, villagersAssembly, votes } from './meeting.builders.js';
import { decideVillagersAssembly } from './villagers-assembly.rule.js';

describe(decideVillagersAssembly.name, () => {
  it.each([
    // adults, present, households, represented, quorum met — either route suffices
    [800, 401, 300, 0, true], // adults alone: 401 of 800 is more than half
    [800, 400, 300, 0, false], // exactly half is not more than half
    [20, 10, 9, 5, false], // 10 of 20 adults is not a quorum; 5 of 9 households is under two thirds
    [800, 300, 300, 200, true], // households alone: 200 of 300 is exactly two thirds
    [800, 300, 300, 199, false],
    [800, 400, 300, 199, false], // neither: exactly half of adults, under two thirds of households
    [800, 400, 300, 200, true], // adults below half, households at two thirds
    [800, 401, 300, 100, true], // households below two thirds, adults above half
    [800, 401, 300, 200, true], // both
  ])('%i adults, %i attending, %i households, %i represented → quorum %s', (adults, present, households, represented, met) => {
    const sut = decided(villagersAssembly({ adults, present, households, householdsRepresented: represented }));
    expect(sut.quorum.met).toBe(met);
    expect(sut.quorum.checks.map((c) => c.measure)).toEqual(['adults', 'households']);
  });

  it('reports each route with its own required number', () => {
    const sut = decided(villagersAssembly({ adults: 800, present: 300, households: 300, householdsRepresented: 200 }));
    expect(sut.quorum.checks).toMatchObject([
      { measure: 'adults', base: 800, actual: 300, required: 401, met: false },
      { measure: 'households', base: 300, actual: 200, required: 200, met: true },
    ]);
    expect(sut.figures).toMatchObject({ expected: 800, present: 300, ratio: '300/800', households: { total: 300, represented: 200, ratio: '200/300' } });
    expect(sut.quorum.explanation.zh).toBe(
      '到会300人，未达到本村十八周岁以上村民800人的过半数（至少401人）；200户有代表到会，达到本村300户的三分之二以上（至少200户）；满足其中任一项即可，符合法定人数',
    );
  });

  it('uses only the adult route when households are not recorded', () => {
    const sut = decided(villagersAssembly({ adults: 800, present: 400 }));
    expect(sut.quorum.checks).toHaveLength(1);
    expect(sut.quorum.met).toBe(false);
    expect(sut.figures.households).toBeUndefined();
  });

  it.each([
    [20, 10, false],
    [20, 11, true],
    [401, 200, false],
    [401, 201, true],
  ])('%i attending, %i in favour → carried %s (more than half of those attending)', (present, inFavour, passed) => {
    const sut = decided(villagersAssembly({ adults: 800, present, households: present, householdsRepresented: present, votes: votes(inFavour) }));
    expect(sut.decision).toMatchObject({ passed, base: present, basis: 'present' });
    expect(sut.passed).toBe(passed);
  });

  it('cites art. 22 as a statutory rule', () => {
    const sut = decided(villagersAssembly());
    expect(sut.rule).toMatchObject({ id: 'villagers-committees-law.art-22', body: 'villagers_assembly', source: 'statutory' });
    expect(sut.rule.citation).toEqual({
      zh: '《中华人民共和国村民委员会组织法》第二十二条',
      en: "Organic Law of the Villagers' Committees, art. 22",
    });
  });
});
