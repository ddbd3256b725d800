import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CommunityType, UnitKind } from '../../workflows/org/unit-kinds.js';

/**
 * An organisation unit. `path` is the materialised chain of ids from the root, `/rootId/…/id/`,
 * so "is X inside Y's subtree" is a prefix test and a subtree is one indexed LIKE query.
 * Units are never moved or deleted: cases and audit entries keep pointing at them.
 */
@Entity('units')
export class UnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: UnitKind;

  @Index()
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 400 })
  path!: string;

  @Column({ type: 'integer' })
  households!: number;

  @Column({ name: 'adult_population', type: 'integer' })
  adultPopulation!: number;

  @Column({ name: 'community_type', type: 'varchar', length: 30, nullable: true })
  communityType!: CommunityType | null;

  /** ISO-8601 UTC; stored as text so SQLite and PostgreSQL hold the same value. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
