/** Characters XML 1.0 does not allow at all (escaping cannot help): dropped from any output. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML or XML element content and quoted attributes. Every value that came from a
 * person (titles, descriptions, reasons, names) goes through this before it reaches a page or feed.
 */
export const escapeMarkup = (value: string | number | null | undefined): string =>
  (value === null || value === undefined ? '' : String(value)).replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
