import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_SIZE = 2 ** 31 - 1;

export class PublicKeyDto {
  @ApiProperty({ example: 'minyi.local/audit', description: 'Key name = checkpoint origin' }) name!: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm!: string;
  @ApiProperty({ description: 'C2SP signed-note key id, 8 hex digits' }) keyId!: string;
  @ApiProperty({ description: 'The 32-byte Ed25519 public key, base64' }) publicKey!: string;
  @ApiProperty({ description: 'SubjectPublicKeyInfo PEM' }) pem!: string;
  @ApiProperty({ description: 'C2SP verifier key: <name>+<hex key id>+<base64(0x01 || key)>' }) verifierKey!: string;
}

export class CheckpointDto {
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'Root hash, lower-case hex (the note carries it in base64)' }) rootHash!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'UTC, ISO 8601' }) signedAt!: string;
  @ApiProperty({ enum: ['periodic', 'closed', 'manual'] }) reason!: string;
  @ApiProperty({ description: 'The signed note (C2SP tlog-checkpoint, signed-note), exactly as signed' }) note!: string;
}

export class CheckpointQueryDto {
  @ApiProperty({ description: 'Tree size of the checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  size!: number;
}

export class ProofQueryDto {
  @ApiProperty({ required: false, description: 'Tree size to prove against; default: the latest signed checkpoint' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  size?: number;
}

export class ConsistencyQueryDto {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SIZE)
  from!: number;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  to!: number;
}

export class InclusionProofDto {
  @ApiProperty() globalSeq!: number;
  @ApiProperty({ description: 'globalSeq - 1' }) leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: "The entry's hash (the leaf), hex" }) entryHash!: string;
  @ApiProperty({ description: 'SHA-256(0x00 || leaf), hex' }) leafHash!: string;
  @ApiProperty({ description: 'Root of the tree of treeSize, hex' }) rootHash!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 audit path, hex, leaf to root' }) proof!: string[];
  @ApiProperty({ type: CheckpointDto, nullable: true, description: 'The signed checkpoint of treeSize, if one was signed' }) checkpoint!: CheckpointDto | null;
}

export class ConsistencyProofDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty() fromRoot!: string;
  @ApiProperty() toRoot!: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency proof, hex' }) proof!: string[];
}
