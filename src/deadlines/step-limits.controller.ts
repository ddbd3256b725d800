import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PROCEDURE_IDS } from '../../workflows/registry.js';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { SetStepLimitDto } from './dto/set-step-limit.dto.js';
import { StepLimitDto, UnitStepLimitsDto } from './dto/step-limits.dto.js';
import { StepLimitsService } from './step-limits.service.js';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/units/:id/step-limits')
export class StepLimitsController {
  constructor(private readonly limits: StepLimitsService) {}

  @Get()
  @ApiOperation({ summary: "Step time limits in force at a unit for each procedure that may run there: days, where each comes from (this unit, a unit above, the statechart default), and this unit's change history" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UnitStepLimitsDto })
  @ApiErrors(400, 401, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<UnitStepLimitsDto> {
    return this.limits.list(actor, id);
  }

  @Put(':procedureId/:state')
  @ApiOperation({ summary: 'Set the time limit of one step at a unit (inherited by the units below it that set none); admins over the unit only. Cases already in the step keep the deadline they entered with.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'procedureId', enum: PROCEDURE_IDS })
  @ApiParam({ name: 'state', description: 'A non-final state path of the procedure', example: 'research' })
  @ApiOkResponse({ type: StepLimitDto })
  @ApiErrors(400, 401, 403, 404, 422)
  async set(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('procedureId') procedureId: string,
    @Param('state') state: string,
    @Body() body: SetStepLimitDto,
  ): Promise<StepLimitDto> {
    return this.limits.set(actor, id, procedureId, state, body.days);
  }

  @Delete(':procedureId/:state')
  @ApiOperation({ summary: "Remove the unit's own limit for a step: the unit inherits again (from a unit above, or the statechart default); admins over the unit only" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'procedureId', enum: PROCEDURE_IDS })
  @ApiParam({ name: 'state', example: 'research' })
  @ApiOkResponse({ type: StepLimitDto })
  @ApiErrors(400, 401, 403, 404, 422)
  async unset(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('procedureId') procedureId: string, @Param('state') state: string): Promise<StepLimitDto> {
    return this.limits.unset(actor, id, procedureId, state);
  }
}
