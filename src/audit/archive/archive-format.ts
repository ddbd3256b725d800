/** Archive layout versions (manifest.json `format`) and the manifest's signed statement type. */
export const CASE_ARCHIVE_FORMAT = 'minyi-case-archive/2';
export const UNIT_ARCHIVE_FORMAT = 'minyi-unit-archive/1';
export const MANIFEST_STATEMENT = 'minyi/archive-manifest/v1';

export type ArchiveFileIntegrity = 'audit-log' | 'checked' | 'convenience';

export interface ManifestFile {
  readonly path: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly bytes: number;
  readonly integrity: ArchiveFileIntegrity;
}

interface ManifestCommon {
  readonly origin: string;
  readonly createdAt: string;
  readonly treeSize: number;
  /** Lower-case hex, the checkpoint's root. */
  readonly rootHash: string;
  /** Audit entries in the archive (all cases). */
  readonly entries: number;
  /** Every file of the zip but manifest.json and manifest.sig, in zip order. */
  readonly files: readonly ManifestFile[];
}

export interface CaseManifest extends ManifestCommon {
  readonly format: typeof CASE_ARCHIVE_FORMAT;
  readonly caseId: string;
}

export interface UnitManifest extends ManifestCommon {
  readonly format: typeof UNIT_ARCHIVE_FORMAT;
  readonly unit: { readonly id: string; readonly name: string; readonly path: string };
  /** UTC instants: `from` inclusive, `to` exclusive. */
  readonly period: { readonly from: string; readonly to: string };
  /** The cases included, in the order of their first entry; each under `cases/<id>/`. */
  readonly cases: readonly string[];
}

export type ArchiveManifest = CaseManifest | UnitManifest;

export interface InclusionProofs {
  readonly treeSize: number;
  readonly rootHash: string;
  /** One per entry of the case: its RFC 9162 audit path in the tree of treeSize, hex. */
  readonly inclusion: readonly { readonly globalSeq: number; readonly proof: readonly string[] }[];
}

export interface ConsistencyProofs {
  readonly treeSize: number;
  readonly rootHash: string;
  /** From every earlier signed checkpoint to treeSize, so an auditor's older checkpoint can be checked. */
  readonly consistency: readonly { readonly from: number; readonly fromRoot: string; readonly proof: readonly string[] }[];
}

/** A case archive's proofs.json holds both; a unit archive has consistency at the top, inclusion per case. */
export type ArchiveProofs = InclusionProofs & ConsistencyProofs;

/** The manifest statement's lines: type, origin, tree size, base64 root, SHA-256 hex of manifest.json. */
export const manifestStatementLines = (origin: string, treeSize: number, rootHex: string, manifestSha256: string): string[] => [
  MANIFEST_STATEMENT,
  origin,
  String(treeSize),
  Buffer.from(rootHex, 'hex').toString('base64'),
  manifestSha256,
];

export type ArchiveErrorReason = 'NOT_FOUND' | 'NOT_READY' | 'LOG_MISMATCH' | 'TOO_LARGE';

export class ArchiveError extends Error {
  constructor(
    readonly reason: ArchiveErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** A unit archive holds at most this many cases: a larger one is asked for in shorter periods. */
export const MAX_UNIT_ARCHIVE_CASES = 500;
