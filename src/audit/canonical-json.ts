/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes an audit hash is computed over.
 * Object members are sorted by their names' UTF-16 code units, numbers are written the way
 * ECMAScript writes them, strings with JSON's minimal escaping, no whitespace. Pure, no I/O, so
 * that the offline verifier computes the same bytes as the server.
 */
export class CanonicalJsonError extends Error {}

const serializeString = (value: string): string => {
  // Lone surrogates cannot be encoded as UTF-8: refuse rather than hash something ambiguous.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new CanonicalJsonError('string contains a lone surrogate');
  }
  return JSON.stringify(value);
};

const serializeNumber = (value: number): string => {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(`number ${String(value)} has no JSON form`);
  // JSON.stringify writes finite numbers with ECMAScript's Number::toString, as RFC 8785 requires
  // (and turns -0 into 0).
  return JSON.stringify(value);
};

export const canonicalJson = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serializeNumber(value);
    case 'string':
      return serializeString(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => {
          if (item === undefined) throw new CanonicalJsonError('undefined in an array');
          return canonicalJson(item);
        }).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((key) => `${serializeString(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`a ${typeof value} has no JSON form`);
  }
};
