import type { TokenClaims } from './token-claims.js';

/** How many verified tokens are remembered; beyond that the oldest are forgotten (and verified again when next seen). */
export const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Tokens whose signature, algorithm, issuer and audience were already checked, with their claims
 * (docs/performance.md: verifying the JWT was about 7 % of the server's CPU on the event route,
 * every request repeating the same HMAC for the same token).
 *
 * Why this is safe: everything jsonwebtoken checks about a token is a function of the token's
 * exact bytes and the process's fixed secret and options — except time. The key is the whole
 * token string, so a token that differs in a single byte is a miss and is verified in full.
 * Only a token that passed verification is stored (an attacker cannot fill the map without valid
 * tokens, and it is bounded anyway). Time is checked again on every hit: `exp` exactly as
 * jsonwebtoken does (expired when now ≥ exp), and an expired entry is dropped. Our tokens carry no
 * `nbf`; one that did is never stored. Nothing about the person is cached here: the guard still
 * loads the person, their session version and their live roles from the database on every
 * request, so deactivation, a password change and a removed role take effect on the next one.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, TokenClaims & { readonly exp: number }>();

  constructor(
    private readonly max = VERIFIED_TOKENS_MAX,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** The claims of a token verified before and not expired now; undefined otherwise. */
  get(token: string): TokenClaims | undefined {
    const claims = this.entries.get(token);
    if (claims === undefined) return undefined;
    if (this.nowSeconds() >= claims.exp) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Remembers a token that has just passed full verification. */
  remember(token: string, claims: TokenClaims): void {
    if (typeof claims.exp !== 'number' || (claims as { nbf?: unknown }).nbf !== undefined) return;
    if (this.entries.size >= this.max) {
      // Map iterates in insertion order: forget the oldest
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(token, Object.freeze({ ...claims, exp: claims.exp }));
  }

  get size(): number {
    return this.entries.size;
  }
}
