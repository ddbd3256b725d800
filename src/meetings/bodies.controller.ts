import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BODY_TYPE_NAMES } from '../../workflows/rules/body-types.js';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { BodiesService } from './bodies.service.js';
import { BodyDto } from './dto/body.dto.js';
import { ConfigureBodyDto } from './dto/configure-body.dto.js';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/units/:id/bodies')
export class BodiesController {
  constructor(private readonly bodies: BodiesService) {}

  @Get()
  @ApiOperation({ summary: "A unit's bodies: roster size, rule with its source (statutory or local configuration), notice, composition warnings" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [BodyDto] })
  @ApiErrors(400, 401, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<BodyDto[]> {
    return this.bodies.list(actor, id);
  }

  @Patch(':type')
  @ApiOperation({ summary: "Change a body's local settings (fields given replace the stored ones): the rule of a body without statutory numbers, notice days, women representatives, secret ballot" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'type', enum: BODY_TYPE_NAMES })
  @ApiOkResponse({ type: BodyDto })
  @ApiErrors(400, 401, 403, 404)
  async configure(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('type') type: string, @Body() body: ConfigureBodyDto): Promise<BodyDto> {
    return this.bodies.configure(actor, id, type, body);
  }
}
