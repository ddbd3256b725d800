import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Public } from '../auth/public.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { BoardQueryDto } from './dto/board-query.dto.js';
import { renderBoardPage, renderNoticePage } from './notice-page.html.js';
import { NoticesService } from './notices.service.js';
import { boardPagePath, noticePagePath, publicOrigin } from './public-links.js';

const ID = { name: 'id', format: 'uuid' } as const;
const HTML = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } as const;

/** A QR code of a URL as inline SVG, drawn here: no image service, nothing loaded by the page. */
const qrSvg = (url: string): Promise<string> => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

/** Printable A4 pages for the physical board (公开栏), linked from the QR codes they carry. */
@ApiTags('public notices')
@Public()
@Controller('public')
export class NoticePagesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly config: AppConfig,
  ) {}

  @Get('notices/:id')
  @ApiOperation({ summary: 'One notice as a printable A4 page with its verification hash and a QR code of this address' })
  @ApiParam(ID)
  @ApiProduces('text/html')
  @ApiOkResponse(HTML)
  @ApiErrors(400, 404)
  async notice(@Param('id', ParseIdPipe) id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const notice = await this.notices.getPublic(id);
    const url = `${publicOrigin(this.config, request)}${noticePagePath(notice.id)}`;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return renderNoticePage(notice, { url, qrSvg: await qrSvg(url) });
  }

  @Get('units/:id/notices')
  @ApiOperation({ summary: "A unit's board as a printable page (notices of the unit and the units below it)" })
  @ApiParam(ID)
  @ApiProduces('text/html')
  @ApiOkResponse(HTML)
  @ApiErrors(400, 404)
  async board(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: BoardQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const board = await this.notices.board(id, query);
    const origin = publicOrigin(this.config, request);
    const url = `${origin}${boardPagePath(board.unit.id)}`;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return renderBoardPage(board, { url, qrSvg: await qrSvg(url), noticeUrl: (noticeId) => `${origin}${noticePagePath(noticeId)}` });
  }
}
