/**
 * `MINYI_PUBLIC_BASE_URL`: the address residents reach this installation at, e.g.
 * `https://gongshi.example.cn` or `https://example.cn/minyi`. Printed QR codes, page links and the
 * Atom feed use it instead of the request's Host header (which any client can set).
 *
 * Accepted: an absolute http(s) URL with a host, optionally a path; no user name or password, no
 * query, no fragment. Normalised: lower-case scheme and host (as WHATWG URL does), default port
 * dropped, trailing slashes removed, so that `base + '/public/…'` is always one slash.
 */
export const parsePublicBaseUrl = (value: string): { ok: true; url: string } | { ok: false; problem: string } => {
  const bad = (why: string) => ({ ok: false as const, problem: `MINYI_PUBLIC_BASE_URL ${why} (e.g. https://gongshi.example.cn or https://example.cn/minyi)` });
  const raw = value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad('must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad('must start with http:// or https://');
  if (url.hostname === '') return bad('must name a host');
  if (url.username !== '' || url.password !== '') return bad('must not carry a user name or password');
  if (raw.includes('?')) return bad('must not have a query (?…)');
  if (raw.includes('#')) return bad('must not have a fragment (#…)');
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
};
