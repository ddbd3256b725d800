import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { describeProcedure } from '../../workflows/core/describe.js';
import { toMermaid } from '../../workflows/core/diagram.js';
import { activeStatePaths } from '../../workflows/core/describe.js';
import { getProcedure, latestProcedures, versionsOf } from '../../workflows/registry.js';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { CaseError, CaseErrorCode } from '../cases/case-error.js';
import { snapshotOf } from '../cases/case-engine.js';
import { CasesService } from '../cases/cases.service.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { isId } from '../common/http/parse-id.pipe.js';
import { CommonError, CommonErrorCode } from '../common/errors/common-error.js';
import { DiagramDto, ProcedureDetailDto, ProcedureSummaryDto } from './procedure.dto.js';

const parseVersion = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{1,4}$/.test(value)) throw new CommonError(CommonErrorCode.ValidationFailed, { field: 'version' });
  return Number(value);
};

/** The procedures as their statecharts declare them: the API reads, never restates, them. */
@ApiTags('procedures')
@ApiBearerAuth()
@Controller('api/procedures')
export class ProceduresController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @ApiOperation({ summary: 'Every procedure with its released versions' })
  @ApiOkResponse({ type: [ProcedureSummaryDto] })
  @ApiErrors(401)
  list(): ProcedureSummaryDto[] {
    return latestProcedures().map((p) => ({
      id: p.id,
      label: p.label,
      description: p.description,
      latestVersion: p.version,
      versions: versionsOf(p.id),
      appliesTo: { unitKinds: [...p.appliesTo.unitKinds], settings: [...p.appliesTo.settings] },
    }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One procedure version: states, events (senders, payload shapes), transitions, labels, configuration' })
  @ApiParam({ name: 'id', example: 'five-step' })
  @ApiQuery({ name: 'version', required: false, description: 'Default: the latest' })
  @ApiOkResponse({ type: ProcedureDetailDto })
  @ApiErrors(400, 401, 404)
  get(@Param('id') id: string, @Query('version') version?: string): ProcedureDetailDto {
    const definition = getProcedure(id, parseVersion(version));
    if (!definition) throw new CaseError(CaseErrorCode.ProcedureNotFound, { field: 'id' });
    return { ...describeProcedure(definition), versions: versionsOf(id) } as unknown as ProcedureDetailDto;
  }

  @Get(':id/diagram')
  @ApiOperation({ summary: 'Mermaid state diagram (zh-CN labels by default); with ?caseId= the case’s current state is highlighted' })
  @ApiParam({ name: 'id', example: 'one-report-four-deliberations' })
  @ApiQuery({ name: 'version', required: false })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'] })
  @ApiOkResponse({ type: DiagramDto })
  @ApiErrors(400, 401, 404)
  async diagram(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query('version') version?: string,
    @Query('caseId') caseId?: string,
    @Query('lang') lang?: string,
  ): Promise<DiagramDto> {
    if (lang !== undefined && lang !== 'zh' && lang !== 'en') throw new CommonError(CommonErrorCode.ValidationFailed, { field: 'lang' });
    let definition = getProcedure(id, parseVersion(version));
    let highlight: string[] = [];
    if (caseId !== undefined) {
      if (!isId(caseId)) throw new CommonError(CommonErrorCode.InvalidId, { field: 'caseId' });
      const record = await this.cases.getVisible(actor, caseId.toLowerCase());
      if (record.procedureId !== id) throw new CaseError(CaseErrorCode.CaseNotFound, { field: 'caseId' });
      definition = getProcedure(record.procedureId, record.procedureVersion);
      highlight = activeStatePaths(snapshotOf(record));
    }
    if (!definition) throw new CaseError(CaseErrorCode.ProcedureNotFound, { field: 'id' });
    return {
      procedure: definition.id,
      version: definition.version,
      format: 'mermaid',
      highlighted: highlight,
      mermaid: toMermaid(definition, { language: lang === 'en' ? 'en' : 'zh', highlight }),
    };
  }
}
