import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';

const PLAIN_HOST = /^(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The absolute origin the page was asked for (`X-Forwarded-Proto/Host` only when
 * `MINYI_TRUST_PROXY=true`), so a printed QR code leads back to the same server. A Host that is not
 * a plain host name gives relative links instead of echoing it.
 */
export const originOf = (request: FastifyRequest): string => {
  const host = request.host;
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  return typeof host === 'string' && PLAIN_HOST.test(host) ? `${protocol}://${host}` : '';
};

/**
 * The origin every public link and QR code is built on: `MINYI_PUBLIC_BASE_URL` when configured
 * (the Host header is the client's to choose: a link printed from a spoofed request would send
 * residents elsewhere), else the request's own origin as above.
 */
export const publicOrigin = (config: AppConfig, request: FastifyRequest): string => config.publicBaseUrl ?? originOf(request);

export const noticePagePath = (id: string): string => `/public/notices/${id}`;
export const boardPagePath = (unitId: string): string => `/public/units/${unitId}/notices`;
export const feedPath = (unitId: string): string => `/api/public/units/${unitId}/notices.atom`;
export const objectionFormPath = (id: string): string => `/api/public/notices/${id}/objection-form`;
