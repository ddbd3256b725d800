import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A form must be at least this old when submitted: people read and type, scripts post at once. */
export const MIN_FORM_AGE_MS = 5_000;
/** …and at most this old. */
export const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;

export type FormCheck =
  | { readonly ok: true; readonly nonce: string }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' }
  | { readonly ok: false; readonly reason: 'fresh'; readonly retryAfterSeconds: number };

/**
 * Signed, time-stamped objection-form tokens (`<issuedAt base36>.<nonce>.<mac>`), bound to one
 * notice by an HMAC under a key derived from the server secret. No third party and no cookie:
 * the spam defences are the token's age, its single use, a honeypot field, the per-address limit
 * and refusing duplicate text. Single use is the database's: the nonce of a token that carried an
 * objection is stored in the objection's transaction (`objection_form_nonces`), so every instance
 * refuses it afterwards (src/notices/objections.service.ts).
 */
export class ObjectionFormTokens {
  constructor(private readonly key: Buffer) {}

  private mac(noticeId: string, issued: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${noticeId}.${issued}.${nonce}`).digest('base64url');
  }

  issue(noticeId: string, nowMs: number): string {
    const issued = nowMs.toString(36);
    const nonce = randomBytes(12).toString('base64url');
    return `${issued}.${nonce}.${this.mac(noticeId, issued, nonce)}`;
  }

  check(token: string | undefined, noticeId: string, nowMs: number): FormCheck {
    const parts = (token ?? '').split('.');
    if (parts.length !== 3) return { ok: false, reason: 'invalid' };
    const [issued, nonce, mac] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(noticeId, issued, nonce));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    const issuedAt = parseInt(issued, 36);
    if (!Number.isSafeInteger(issuedAt)) return { ok: false, reason: 'invalid' };
    const age = nowMs - issuedAt;
    if (age > MAX_FORM_AGE_MS || age < -60_000) return { ok: false, reason: 'expired' };
    if (age < MIN_FORM_AGE_MS) return { ok: false, reason: 'fresh', retryAfterSeconds: Math.max(1, Math.ceil((MIN_FORM_AGE_MS - age) / 1000)) };
    return { ok: true, nonce };
  }
}
