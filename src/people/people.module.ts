import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { OrgModule } from '../org/org.module.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';
import { PersonEntity } from './person.entity.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([PersonEntity, RoleAssignmentEntity]), AuthModule, OrgModule],
  controllers: [PeopleController],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
