import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ExtendNoticeDto } from './dto/extend-notice.dto.js';
import { ObjectionListDto, StaffNoticeDto, StaffNoticeListDto } from './dto/notice.dto.js';
import { NoticesService } from './notices.service.js';
import { ObjectionsService } from './objections.service.js';

const ID = { name: 'id', format: 'uuid' } as const;

/** Staff side of notices: a case's notices, objections with contacts, extensions. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api')
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly objections: ObjectionsService,
  ) {}

  @Get('cases/:id/notices')
  @ApiOperation({ summary: "A case's notices in publication order (anyone who may see the case)" })
  @ApiParam(ID)
  @ApiOkResponse({ type: StaffNoticeListDto })
  @ApiErrors(400, 401, 404)
  async ofCase(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<StaffNoticeListDto> {
    return this.notices.ofCase(actor, id);
  }

  @Get('notices/:id/objections')
  @ApiOperation({ summary: "A notice's objections with contacts: the staff who answer them, and supervisors. Answer through POST /api/cases/:id/events (objection.uphold / objection.dismiss)." })
  @ApiParam(ID)
  @ApiOkResponse({ type: ObjectionListDto })
  @ApiErrors(400, 401, 403, 404)
  async objectionsOf(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ObjectionListDto> {
    return this.objections.list(actor, id);
  }

  @Post('notices/:id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend a running notice by some days, with a reason (audited as notice.extended). A notice can never end early.' })
  @ApiParam(ID)
  @ApiOkResponse({ type: StaffNoticeDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async extend(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ExtendNoticeDto): Promise<StaffNoticeDto> {
    return this.notices.extend(actor, id, body);
  }
}
