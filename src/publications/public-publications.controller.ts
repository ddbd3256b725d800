import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Public } from '../auth/public.decorator.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { AppConfig } from '../config/app-config.js';
import { publicOrigin } from '../notices/public-links.js';
import { PublicationBoardQueryDto } from './dto/publication-board-query.dto.js';
import { PublicPublicationDto, PublicPublicationPageDto } from './dto/publication.dto.js';
import { renderPublicationBoardPage, renderPublicationPage } from './publication-page.html.js';
import { publicationBoardPath, publicationPagePath, PublicationsService } from './publications.service.js';

const ID = { name: 'id', format: 'uuid' } as const;
const HTML = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } as const;
const qrSvg = (url: string): Promise<string> => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

/** The public side of village affairs publication: no sign-in, no person's id, ever. */
@ApiTags('public village publications')
@Public()
@Controller()
export class PublicPublicationsController {
  constructor(
    private readonly publications: PublicationsService,
    private readonly config: AppConfig,
  ) {}

  @Get('api/public/units/:id/publications')
  @ApiOperation({ summary: 'Village affairs publications of the villages at and below a unit, newest first' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PublicPublicationPageDto })
  @ApiErrors(400, 404)
  async board(@Param('id', ParseIdPipe) id: string, @Query() query: PublicationBoardQueryDto): Promise<PublicPublicationPageDto> {
    return this.publications.board(id, query);
  }

  @Get('api/public/publications/:id')
  @ApiOperation({ summary: 'One village affairs publication with its content hash and chain link' })
  @ApiParam(ID)
  @ApiOkResponse({ type: PublicPublicationDto })
  @ApiErrors(400, 404)
  async get(@Param('id', ParseIdPipe) id: string): Promise<PublicPublicationDto> {
    return this.publications.getPublic(id);
  }

  @Get('public/publications/:id')
  @ApiOperation({ summary: 'One publication as a printable A4 page with its content hash and a QR code of this address' })
  @ApiParam(ID)
  @ApiProduces('text/html')
  @ApiOkResponse(HTML)
  @ApiErrors(400, 404)
  async page(@Param('id', ParseIdPipe) id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const publication = await this.publications.getPublic(id);
    const url = `${publicOrigin(this.config, request)}${publicationPagePath(publication.id)}`;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return renderPublicationPage(publication, { url, qrSvg: await qrSvg(url) });
  }

  @Get('public/units/:id/publications')
  @ApiOperation({ summary: "A unit's village affairs publications as a printable page" })
  @ApiParam(ID)
  @ApiProduces('text/html')
  @ApiOkResponse(HTML)
  @ApiErrors(400, 404)
  async boardPage(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PublicationBoardQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const board = await this.publications.board(id, query);
    const origin = publicOrigin(this.config, request);
    const url = `${origin}${publicationBoardPath(board.unit.id)}`;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return renderPublicationBoardPage(board, { url, qrSvg: await qrSvg(url), pageUrl: (pid) => `${origin}${publicationPagePath(pid)}` });
  }
}
