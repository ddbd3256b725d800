import type { FastifyRequest } from 'fastify';

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

export const noticePagePath = (id: string): string => `/public/notices/${id}`;
export const boardPagePath = (unitId: string): string => `/public/units/${unitId}/notices`;
export const feedPath = (unitId: string): string => `/api/public/units/${unitId}/notices.atom`;
