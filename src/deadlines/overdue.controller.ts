import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { PageQueryDto } from '../common/pagination/page.dto.js';
import { DeadlinesService } from './deadlines.service.js';
import { OverduePageDto } from './dto/overdue.dto.js';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('api/units/:id/overdue')
export class OverdueController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get()
  @ApiOperation({ summary: 'Open cases at the unit or below with a step past its time limit, most overdue first' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OverduePageDto })
  @ApiErrors(400, 401, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: PageQueryDto): Promise<OverduePageDto> {
    return this.deadlines.overdue(actor, id, query);
  }
}
