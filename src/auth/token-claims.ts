/** What a minyi access token carries besides iat/exp/iss/aud: the person and their session version. */
export interface TokenClaims {
  readonly sub: string;
  readonly ver: number;
  /** set by the signer from MINYI_TOKEN_TTL_SECONDS; required on verification */
  readonly exp?: number;
}

export const TOKEN_ALGORITHM = 'HS256';
export const TOKEN_ISSUER = 'minyi';
export const TOKEN_AUDIENCE = 'minyi-api';
