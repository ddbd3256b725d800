import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../../workflows/org/roles.js';

/**
 * A role held at a unit (inherited by every unit below it); `unitId` null means the whole
 * organisation and is allowed for `admin` only. Removing a role sets `revokedAt`: the row stays,
 * so the trail can always say which role an actor held when they acted.
 */
@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 40 })
  role!: Role;

  @Index()
  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @Column({ name: 'granted_by', type: 'varchar', length: 36, nullable: true })
  grantedBy!: string | null;

  @Column({ name: 'granted_at', type: 'varchar', length: 30 })
  grantedAt!: string;

  @Column({ name: 'revoked_by', type: 'varchar', length: 36, nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt!: string | null;
}
