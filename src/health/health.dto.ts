import { ApiProperty } from '@nestjs/swagger';

export class PublicationErrorDto {
  @ApiProperty({ description: 'UTC, ISO 8601' }) at!: string;
  @ApiProperty({ example: 'fetch failed: ECONNREFUSED' }) message!: string;
}

export class PublicationTargetDto {
  @ApiProperty({ description: 'The directory (MINYI_CHECKPOINT_PUBLISH_DIR) or the URL (MINYI_CHECKPOINT_PUBLISH_URLS)' }) target!: string;
  @ApiProperty({ enum: ['directory', 'url'] }) kind!: 'directory' | 'url';
  @ApiProperty({ type: String, nullable: true, description: 'When a checkpoint was last delivered there since the start' }) lastOk!: string | null;
  @ApiProperty({ type: PublicationErrorDto, nullable: true, description: 'The last failure (kept after a later success)' }) lastError!: PublicationErrorDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Failing without a success since then; null when delivering' }) failingSince!: string | null;
  @ApiProperty({ description: 'Checkpoints waiting to be delivered there (retried every tick)' }) pending!: number;
}

export class LastSignedDto {
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'UTC, ISO 8601' }) signedAt!: string;
}

export class PublicationDto {
  @ApiProperty({ type: [PublicationTargetDto] }) targets!: PublicationTargetDto[];
}

export class CheckpointsHealthDto {
  @ApiProperty({ type: LastSignedDto, nullable: true, description: 'The latest signed checkpoint; null before the first or when the database does not answer' })
  lastSigned!: LastSignedDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the server last refused to sign (the log does not extend the latest checkpoint); null when signing' })
  signingRefused!: string | null;

  @ApiProperty({ type: PublicationDto }) publication!: PublicationDto;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'], description: 'degraded: serving, but checkpoint signing is refused or a publication target is failing' })
  status!: 'ok' | 'degraded' | 'error';

  @ApiProperty({ enum: ['up', 'down'] })
  database!: 'up' | 'down';

  @ApiProperty({ enum: ['ok', 'failed'], description: 'failed: an fsync of the database failed; writes and reads are refused until the server is restarted' })
  writer!: 'ok' | 'failed';

  @ApiProperty({ type: CheckpointsHealthDto })
  checkpoints!: CheckpointsHealthDto;
}
