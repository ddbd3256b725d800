import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { childPath } from '../org/unit-rules.js';
import { UnitEntity } from '../org/unit.entity.js';
import { PeopleService } from '../people/people.service.js';
import { DEMO_ACCOUNTS, DEMO_TREE, type DemoAccount, type DemoUnit } from './demo-organisation.js';

export interface CreatedDemoAccount extends DemoAccount {
  readonly password: string;
  readonly unitName: string;
}

/** A readable random password: 16 characters from an alphabet without look-alikes. */
const demoPassword = (): string => {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
};

@Injectable()
export class DemoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
  ) {}

  /** Loads the demo organisation when there are no units yet; returns the new accounts, or null. */
  async loadIfEmpty(): Promise<CreatedDemoAccount[] | null> {
    if ((await this.dataSource.getRepository(UnitEntity).count()) > 0) return null;
    return this.dataSource.transaction(async (manager) => {
      const units = new Map<string, UnitEntity>();
      await this.insertTree(manager, DEMO_TREE, null, units);
      const created: CreatedDemoAccount[] = [];
      for (const account of DEMO_ACCOUNTS) {
        const unit = units.get(account.unit);
        if (unit === undefined) throw new Error(`demo account ${account.username} names unknown unit ${account.unit}`);
        const password = demoPassword();
        const person = await this.people.insertPerson(manager, { name: account.name, username: account.username, password, phone: null, homeUnitId: unit.id });
        await this.people.insertAssignment(manager, { personId: person.id, role: account.role, unitId: unit.id, grantedBy: null });
        created.push({ ...account, password, unitName: unit.name });
      }
      return created;
    });
  }

  private async insertTree(manager: EntityManager, node: DemoUnit, parent: UnitEntity | null, units: Map<string, UnitEntity>): Promise<void> {
    const id = randomUUID();
    const unit = await manager.save(
      manager.create(UnitEntity, {
        id,
        name: node.name,
        kind: node.kind,
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, id),
        households: node.households,
        adultPopulation: node.adultPopulation,
        communityType: node.communityType ?? null,
        createdAt: new Date().toISOString(),
      }),
    );
    units.set(node.key, unit);
    for (const child of node.children ?? []) await this.insertTree(manager, child, unit, units);
  }
}
