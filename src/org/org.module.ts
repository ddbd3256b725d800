import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingsChangesController } from './settings-changes.controller.js';
import { SettingsChangesService } from './settings-changes.js';
import { UnitEntity } from './unit.entity.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([UnitEntity])],
  controllers: [UnitsController, SettingsChangesController],
  providers: [UnitsService, SettingsChangesService],
  exports: [UnitsService, SettingsChangesService],
})
export class OrgModule {}
