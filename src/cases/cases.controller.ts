import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { CasesService } from './cases.service.js';
import { CaseListQueryDto } from './dto/case-list-query.dto.js';
import { CaseDto, CasePageDto, EventResultDto } from './dto/case.dto.js';
import { CreateCaseDto } from './dto/create-case.dto.js';
import { SendEventDto } from './dto/send-event.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiOperation({ summary: 'Open a case: a proposal enters its procedure (pinned to the version it starts on)' })
  @ApiCreatedResponse({ type: CaseDto })
  @ApiErrors(400, 401, 404, 422)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateCaseDto): Promise<CaseDto> {
    return this.cases.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'Cases in your scope, newest first; filter by unit subtree, procedure, state, status, text' })
  @ApiOkResponse({ type: CasePageDto })
  @ApiErrors(400, 401, 404)
  async list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto): Promise<CasePageDto> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case: state, version (also as ETag), timeline, and the events you may send now' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CaseDto, headers: { ETag: { description: 'The case version, quoted' } } })
  @ApiErrors(400, 401, 404)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseDto> {
    const { dto, etag } = await this.cases.get(actor, id);
    void reply.header('ETag', etag);
    return dto;
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send an event to a case',
    description:
      'Checks your role at the case unit, the payload against the event declaration, the state and the guards; then, in one transaction, updates the case (only if its version is unchanged), appends the audit entry and stores or cancels timers. Nothing is written on any error.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case version you saw, quoted: "4". 412 if the case has moved on.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body replays the first answer; another body: 422; still running: 409.' })
  @ApiOkResponse({ type: EventResultDto })
  @ApiErrors(400, 401, 403, 404, 409, 412, 422)
  async send(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SendEventDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const result = await this.cases.sendEvent(actor, id, body, { ifMatch, idempotencyKey, path: request.url.split('?')[0] ?? request.url });
    void reply.status(result.status);
    if (result.etag) void reply.header('ETag', result.etag);
    return result.body;
  }
}
