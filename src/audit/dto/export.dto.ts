import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AuditEntryDto } from './audit.dto.js';

export class UnitArchiveQueryDto {
  @ApiProperty({ description: 'Start of the period, inclusive: YYYY-MM-DD (China Standard Time) or an ISO 8601 instant with Z or an offset', example: '2026-01-01' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  from!: string;

  @ApiProperty({ description: 'End of the period: YYYY-MM-DD includes that whole day (China Standard Time); an instant is exclusive', example: '2026-03-31' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  to!: string;
}

export class ReceiptInclusionDto {
  @ApiProperty({ description: 'Size of the signed checkpoint the proof is against' }) treeSize!: number;
  @ApiProperty({ description: 'Its root, hex' }) rootHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 audit path of leaf globalSeq − 1, hex, leaf to root' }) proof!: string[];
  @ApiProperty({ description: 'The signed checkpoint of treeSize, exactly as signed' }) checkpoint!: string;
}

export class ReceiptDto {
  @ApiProperty({ example: 'minyi-receipt/1' }) format!: string;
  @ApiProperty({ description: 'The signed statement (C2SP signed-note, Ed25519, the checkpoint key): minyi/receipt/v1, origin, caseId, caseSeq, globalSeq, entry hash, recordedAt' })
  statement!: string;
  @ApiProperty({ description: 'The verifier key it is signed with' }) verifierKey!: string;
  @ApiProperty({ type: AuditEntryDto, description: 'The entry itself' }) entry!: AuditEntryDto;
  @ApiProperty({ type: ReceiptInclusionDto, nullable: true, description: 'Inclusion proof against the latest signed checkpoint, when one covers the entry' })
  inclusion!: ReceiptInclusionDto | null;
}
