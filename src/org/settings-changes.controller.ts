import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { SettingsChangeDto, SettingsChangesQueryDto } from './dto/settings-change.dto.js';
import { SettingsChangesService } from './settings-changes.js';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class SettingsChangesController {
  constructor(private readonly changes: SettingsChangesService) {}

  @Get(':id/settings-changes')
  @ApiOperation({
    summary: "A unit's settings history, newest first: every change of its bodies' settings (rules, notice days, ballots) and of its publication calendar — who, in which role, when, before and after. Append-only.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [SettingsChangeDto] })
  @ApiErrors(400, 401, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: SettingsChangesQueryDto): Promise<SettingsChangeDto[]> {
    return this.changes.list(actor, id, query.subject, query.limit);
  }
}
