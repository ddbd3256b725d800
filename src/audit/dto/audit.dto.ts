import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { LabelDto, TimelineActorDto } from '../../cases/dto/case.dto.js';

export class AuditPageQueryDto {
  @ApiProperty({ required: false, default: 0, description: 'Case sequence to continue after' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  after: number = 0;

  @ApiProperty({ required: false, default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

export class AuditEntryDto {
  @ApiProperty() globalSeq!: number;
  @ApiProperty() caseId!: string;
  @ApiProperty() caseSeq!: number;
  @ApiProperty({ description: 'UTC, ISO 8601' }) recordedAt!: string;
  @ApiProperty({ type: TimelineActorDto }) actor!: TimelineActorDto;
  @ApiProperty({ enum: ['case.created', 'case.event', 'timer.discarded', 'record'] }) kind!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: unknown;
  @ApiProperty({ nullable: true, oneOf: [{ type: 'string' }, { type: 'object' }] }) stateBefore!: unknown;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'object' }] }) stateAfter!: unknown;
  @ApiProperty() procedureId!: string;
  @ApiProperty() procedureVersion!: number;
  @ApiProperty({ description: 'Hash of the previous entry (the genesis value for the first)' }) prevHash!: string;
  @ApiProperty({ description: 'SHA-256 of the RFC 8785 canonical JSON of every other field' }) hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Pass as ?after= for the next page' }) nextAfter!: number | null;
}

export class VerificationProblemDto {
  @ApiProperty({ example: 'HASH_MISMATCH' }) code!: string;
  @ApiProperty() caseSeq!: number;
  @ApiProperty({ type: LabelDto }) message!: LabelDto;
}

export class CaseVerificationDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty() entries!: number;
  @ApiProperty({ type: String, nullable: true }) headHash!: string | null;
  @ApiProperty() headMatches!: boolean;
  @ApiProperty() replayMatches!: boolean;
  @ApiProperty({ type: [VerificationProblemDto] }) problems!: VerificationProblemDto[];
}

export class SequenceGapDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
}

export class ScopeVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty() cases!: number;
  @ApiProperty() entries!: number;
  @ApiProperty({ type: [SequenceGapDto] }) globalSequenceGaps!: SequenceGapDto[];
  @ApiProperty({ type: [CaseVerificationDto] }) invalid!: CaseVerificationDto[];
}
