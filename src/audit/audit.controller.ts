import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { CasesService } from '../cases/cases.service.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { AuditReader } from './audit-reader.js';
import { AuditVerifier, type CaseVerification } from './audit-verifier.service.js';
import { ExportError, ExportErrorCode, ExportExceptionFilter } from './archive/export-error.js';
import { AuditPageDto, AuditPageQueryDto, CaseVerificationDto, ScopeVerificationDto } from './dto/audit.dto.js';
import { ReceiptDto } from './dto/export.dto.js';
import type { ReceiptFile } from './receipt.js';
import { ReceiptService } from './receipt.service.js';

/** Reading and verifying trails. There is no route that changes an audit entry, for anyone. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api')
export class AuditController {
  constructor(
    private readonly cases: CasesService,
    private readonly reader: AuditReader,
    private readonly verifier: AuditVerifier,
    private readonly receipts: ReceiptService,
  ) {}

  @Get('cases/:id/audit')
  @ApiOperation({ summary: "A case's audit entries in order (hash-chained); page with ?after=<caseSeq>" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors(400, 401, 404)
  async list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: AuditPageQueryDto): Promise<AuditPageDto> {
    await this.cases.getVisible(actor, id);
    const items = await this.reader.pageOfCase(id, query.after, query.limit + 1);
    const page = items.slice(0, query.limit);
    return { items: page as unknown as AuditPageDto['items'], nextAfter: items.length > query.limit ? (page.at(-1)?.caseSeq ?? null) : null };
  }

  @Get('cases/:id/audit/verify')
  @ApiOperation({ summary: 'Recompute the chain and replay the events through the recorded procedure version' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CaseVerificationDto })
  @ApiErrors(400, 401, 404)
  async verify(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CaseVerification> {
    return this.verifier.verifyCase(await this.cases.getVisible(actor, id));
  }

  @Get('cases/:id/audit/:caseSeq/receipt')
  @UseFilters(ExportExceptionFilter)
  @ApiOperation({
    summary: 'A signed receipt of an entry (Ed25519, the checkpoint key) with its inclusion proof when a checkpoint covers it; for whoever may see the case or sent the entry',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'caseSeq', type: Number })
  @ApiOkResponse({ type: ReceiptDto })
  @ApiErrors(400, 401, 404)
  async receipt(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('caseSeq') caseSeq: string): Promise<ReceiptFile> {
    if (!/^[1-9][0-9]{0,9}$/.test(caseSeq) || Number(caseSeq) > 2 ** 31 - 1) throw new ExportError(ExportErrorCode.BadCaseSeq, 'caseSeq');
    return this.receipts.receipt(actor, id, Number(caseSeq));
  }

  @Get('audit/verify')
  @ApiOperation({ summary: 'Verify every case in your scope and the global sequence' })
  @ApiOkResponse({ type: ScopeVerificationDto })
  @ApiErrors(401)
  async verifyAll(@CurrentActor() actor: Actor): Promise<ScopeVerificationDto> {
    return this.verifier.verifyScope(actor) as Promise<ScopeVerificationDto>;
  }
}
