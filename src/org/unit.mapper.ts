import type { UnitDto } from './dto/unit.dto.js';
import type { UnitEntity } from './unit.entity.js';

export const toUnitDto = (unit: UnitEntity): UnitDto => ({
  id: unit.id,
  name: unit.name,
  kind: unit.kind,
  parentId: unit.parentId,
  households: unit.households,
  adultPopulation: unit.adultPopulation,
  communityType: unit.communityType,
});
