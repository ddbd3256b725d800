import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { CasesService } from '../cases/cases.service.js';
import { ApiErrors } from '../common/http/api-errors.decorator.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rawQuery } from '../database/raw-query.js';
import { AuditError, AuditErrorCode } from './audit-error.js';
import { CheckpointService } from './checkpoint.service.js';
import { publicKeyFromRaw } from './checkpoint-note.js';
import {
  CheckpointDto,
  CheckpointQueryDto,
  ConsistencyProofDto,
  ConsistencyQueryDto,
  InclusionProofDto,
  ProofQueryDto,
  PublicKeyDto,
} from './dto/checkpoint.dto.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * Signed checkpoints of the Merkle tree over all audit entries, and proofs against them. Proofs
 * reveal hashes only; an inclusion proof of an entry whose case the caller cannot see is a 404,
 * as the case itself would be.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class CheckpointController {
  constructor(
    private readonly checkpoints: CheckpointService,
    private readonly cases: CasesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('public-key')
  @ApiOperation({ summary: 'The Ed25519 key checkpoints are signed with' })
  @ApiOkResponse({ type: PublicKeyDto })
  @ApiErrors(401)
  publicKey(): PublicKeyDto {
    const raw = this.checkpoints.publicKey;
    return {
      name: this.checkpoints.name,
      algorithm: 'Ed25519',
      keyId: this.checkpoints.keyIdHex,
      publicKey: raw.toString('base64'),
      pem: publicKeyFromRaw(raw).export({ format: 'pem', type: 'spki' }).toString(),
      verifierKey: this.checkpoints.verifierKey,
    };
  }

  @Get('checkpoints/latest')
  @ApiOperation({ summary: 'The latest signed checkpoint (C2SP tlog-checkpoint)' })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiErrors(401, 404)
  async latest(): Promise<CheckpointDto> {
    const latest = await this.checkpoints.latest();
    if (latest === null) throw new AuditError(AuditErrorCode.CheckpointNotFound);
    return latest;
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'The signed checkpoint of a tree size' })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiErrors(400, 401, 404)
  async atSize(@Query() query: CheckpointQueryDto): Promise<CheckpointDto> {
    const checkpoint = await this.checkpoints.atSize(query.size);
    if (checkpoint === null) throw new AuditError(AuditErrorCode.CheckpointNotFound, 'size');
    return checkpoint;
  }

  @Get('entries/:globalSeq/proof')
  @ApiOperation({ summary: "Inclusion proof of an entry (of a case you can see) in the tree of a size; default: the latest checkpoint's" })
  @ApiParam({ name: 'globalSeq', type: Number })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiErrors(400, 401, 404)
  async inclusion(@CurrentActor() actor: Actor, @Param('globalSeq', ParseIntPipe) globalSeq: number, @Query() query: ProofQueryDto): Promise<InclusionProofDto> {
    const [entry] = await rawQuery<{ case_id: string; hash: string }>(this.dataSource, 'SELECT case_id, hash FROM audit_entries WHERE global_seq = $1', [globalSeq]);
    if (entry === undefined) throw new AuditError(AuditErrorCode.EntryNotFound);
    await this.cases.getVisible(actor, entry.case_id);
    const tree = await this.checkpoints.currentTree();
    const size = query.size ?? (await this.checkpoints.latest())?.treeSize ?? tree.size;
    if (size > tree.size) throw new AuditError(AuditErrorCode.TreeSizeOutOfRange, 'size');
    if (globalSeq > size) throw new AuditError(AuditErrorCode.BadProofRange, 'size');
    return {
      globalSeq,
      leafIndex: globalSeq - 1,
      treeSize: size,
      entryHash: entry.hash,
      leafHash: hex(tree.leafHash(globalSeq - 1)),
      rootHash: hex(tree.root(size)),
      proof: tree.inclusionProof(globalSeq - 1, size).map(hex),
      checkpoint: await this.checkpoints.atSize(size),
    };
  }

  @Get('consistency')
  @ApiOperation({ summary: 'Consistency proof between two tree sizes (RFC 9162)' })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiErrors(400, 401, 404)
  async consistency(@Query() query: ConsistencyQueryDto): Promise<ConsistencyProofDto> {
    if (query.from > query.to) throw new AuditError(AuditErrorCode.BadProofRange, 'from');
    const tree = await this.checkpoints.currentTree();
    if (query.to > tree.size) throw new AuditError(AuditErrorCode.TreeSizeOutOfRange, 'to');
    return {
      from: query.from,
      to: query.to,
      fromRoot: hex(tree.root(query.from)),
      toRoot: hex(tree.root(query.to)),
      proof: tree.consistencyProof(query.from, query.to).map(hex),
    };
  }
}
