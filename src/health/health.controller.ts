import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { CheckpointPublisher } from '../audit/checkpoint-publisher.js';
import { CheckpointService } from '../audit/checkpoint.service.js';
import { Public } from '../auth/public.decorator.js';
import { CaseWriter } from '../cases/case-writer.js';
import { NoDurableWait } from '../common/http/durable-read.js';
import type { CheckpointsHealthDto } from './health.dto.js';
import { HealthDto } from './health.dto.js';

/**
 * Liveness for load balancers and monitoring. 503 when the database does not answer or the writer
 * has failed (an fsync error: everything is refused until a restart); 200 with
 * `status: "degraded"` when the server works but its audit log is not being anchored outside as it
 * should — signing refused, or a publication target failing (the failures are retried every tick;
 * an operator must still look: until they are delivered, nobody outside holds those checkpoints).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointService,
    private readonly publisher: CheckpointPublisher,
    private readonly writer: CaseWriter,
  ) {}

  @Public()
  @NoDurableWait()
  @Get()
  @ApiOperation({ summary: 'Liveness, database reachability, checkpoint signing and publication (no sign-in needed)' })
  @ApiOkResponse({ type: HealthDto, description: 'ok, or degraded: checkpoint signing refused or a publication target failing' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer, or an fsync failed (writer failed: restart the server)' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    let up = true;
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      up = false;
    }
    const latest = up ? await this.checkpoints.latest().catch(() => null) : null;
    const checkpoints: CheckpointsHealthDto = {
      lastSigned: latest === null ? null : { treeSize: latest.treeSize, signedAt: latest.signedAt },
      signingRefused: this.checkpoints.refusal,
      publication: { targets: this.publisher.status() },
    };
    // an fsync failed: nothing is accepted or shown until a restart recovers what is on disk
    const writer = this.writer.failure === undefined ? 'ok' : 'failed';
    if (!up || writer === 'failed') {
      void reply.status(503);
      return { status: 'error', database: up ? 'up' : 'down', writer, checkpoints };
    }
    const degraded = checkpoints.signingRefused !== null || checkpoints.publication.targets.some((t) => t.failingSince !== null);
    return { status: degraded ? 'degraded' : 'ok', database: 'up', writer, checkpoints };
  }
}
