import type { PersonDto } from './dto/person.dto.js';
import type { RoleAssignmentDto } from './dto/role-assignment.dto.js';
import type { PersonEntity } from './person.entity.js';

export const toPersonDto = (person: PersonEntity, showContact: boolean): PersonDto => ({
  id: person.id,
  name: person.name,
  username: person.username,
  phone: showContact ? person.phone : null,
  active: person.active,
});

export const toRoleAssignmentDto = (a: { id: string; role: RoleAssignmentDto['role']; unitId: string | null }): RoleAssignmentDto => ({
  id: a.id,
  role: a.role,
  unitId: a.unitId,
});
