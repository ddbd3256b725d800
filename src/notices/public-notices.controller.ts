import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { Clock } from '../timers/clock.js';
import { BoardQueryDto } from './dto/board-query.dto.js';
import { FileObjectionDto } from './dto/file-objection.dto.js';
import { ObjectionFormDto, ObjectionReceiptDto, PublicNoticeDto, PublicNoticePageDto } from './dto/notice.dto.js';
import { renderNoticeFeed } from './notice-feed.atom.js';
import { NoticesService } from './notices.service.js';
import { ObjectionsService } from './objections.service.js';
import { boardPagePath, feedPath, noticePagePath, publicOrigin } from './public-links.js';

const ID = { name: 'id', format: 'uuid' } as const;

/** The public board: no sign-in, and nothing in it names a person by id or shows a contact. */
@ApiTags('public notices')
@Public()
@Controller('api/public')
export class PublicNoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly objections: ObjectionsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get('units/:id/notices')
  @ApiOperation({ summary: "A unit's board: notices of cases at the unit and every unit below it, current and past, newest first" })
  @ApiParam(ID)
  @ApiOkResponse({ type: PublicNoticePageDto })
  @ApiErrors(400, 404)
  async board(@Param('id', ParseIdPipe) id: string, @Query() query: BoardQueryDto): Promise<PublicNoticePageDto> {
    return this.notices.board(id, query);
  }

  @Get('units/:id/notices.atom')
  @ApiOperation({ summary: "A unit's board as an Atom feed (the newest 100 notices)" })
  @ApiParam(ID)
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ description: 'An Atom feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404)
  async feed(@Param('id', ParseIdPipe) id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const board = await this.notices.board(id, { page: 1, pageSize: 100 });
    const origin = publicOrigin(this.config, request);
    void reply.header('content-type', 'application/atom+xml; charset=utf-8');
    return renderNoticeFeed(board, {
      self: `${origin}${feedPath(board.unit.id)}`,
      board: `${origin}${boardPagePath(board.unit.id)}`,
      notice: (noticeId) => `${origin}${noticePagePath(noticeId)}`,
      now: this.clock.nowIso(),
    });
  }

  @Get('notices/:id')
  @ApiOperation({ summary: 'One notice: body, period, status, objection counts and the verification hash' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PublicNoticeDto })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseIdPipe) id: string): Promise<PublicNoticeDto> {
    return this.notices.getPublic(id);
  }

  @Get('notices/:id/objection-form')
  @ApiOperation({ summary: 'A signed, time-stamped form token for one objection (valid after a few seconds, for a day, once)' })
  @ApiParam(ID)
  @ApiOkResponse({ type: ObjectionFormDto })
  @ApiErrors(400, 404, 422)
  async form(@Param('id', ParseIdPipe) id: string): Promise<ObjectionFormDto> {
    return this.objections.form(id);
  }

  @Post('notices/:id/objections')
  @ApiOperation({ summary: 'File an objection while the period runs (rate-limited per address; name and contact are seen by staff only)' })
  @ApiParam(ID)
  @ApiCreatedResponse({ type: ObjectionReceiptDto })
  @ApiErrors(400, 404, 409, 422, 429)
  async file(@Param('id', ParseIdPipe) id: string, @Body() body: FileObjectionDto, @Req() request: FastifyRequest): Promise<ObjectionReceiptDto> {
    return this.objections.file(id, body, request.ip);
  }
}
