import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person who can sign in. Never deleted (audit entries name them); deactivated instead. */
@Entity('people')
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 40, unique: true })
  username!: string;

  /** `scrypt$N$r$p$salt$hash` (base64url); never leaves the service. */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** Raised when the password changes, which voids tokens issued before. */
  @Column({ name: 'session_version', type: 'integer' })
  sessionVersion!: number;

  /**
   * The unit whose administrators look after this account (null: created by the CLI or from
   * MINYI_ADMIN_* — only global administrators manage it).
   */
  @Column({ name: 'home_unit_id', type: 'varchar', length: 36, nullable: true })
  homeUnitId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
