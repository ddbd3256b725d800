import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../../common/http/parse-id.pipe.js';
import { UnitArchiveQueryDto } from '../dto/export.dto.js';
import { ArchiveService, type BuiltArchive } from './archive.service.js';
import { ExportExceptionFilter } from './export-error.js';

const ZIP = { description: 'The archive (zip); verify it offline with `npm run cli -- verify --archive FILE`', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } } as const;
const ID = { name: 'id', format: 'uuid' } as const;

const send = (reply: FastifyReply, archive: BuiltArchive): Buffer => {
  void reply.header('content-type', 'application/zip');
  void reply.header('content-disposition', `attachment; filename="${archive.filename}"`);
  void reply.header('cache-control', 'no-store');
  return archive.zip;
};

/** Archives an auditor takes away (docs/audit-format.md § Archives): the same zip as `npm run cli -- archive`. */
@ApiTags('audit')
@ApiBearerAuth()
@UseFilters(ExportExceptionFilter)
@Controller('api')
export class ArchiveController {
  constructor(private readonly archives: ArchiveService) {}

  @Get('cases/:id/archive')
  @ApiOperation({ summary: "A case's audit archive: entries, proofs against a signed checkpoint, meeting records, notices, objections (no contacts), signed manifest" })
  @ApiParam(ID)
  @ApiProduces('application/zip')
  @ApiOkResponse(ZIP)
  @ApiErrors(400, 401, 403, 404, 409)
  async caseArchive(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.archives.ofCase(actor, id));
  }

  @Get('units/:id/archive')
  @ApiOperation({ summary: "Every case of a unit's subtree opened, active or open within [from, to), with one checkpoint for all" })
  @ApiParam(ID)
  @ApiProduces('application/zip')
  @ApiOkResponse(ZIP)
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async unitArchive(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: UnitArchiveQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.archives.ofUnit(actor, id, query.from, query.to));
  }
}
