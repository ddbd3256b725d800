const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string in a parsed JSON body holding an unpaired UTF-16 surrogate
 * (`"\ud800"`), or undefined. Such text cannot be stored as UTF-8 nor hashed into the audit
 * trail, so every request body is checked once, before any route sees it.
 */
export const findUnpairedSurrogate = (value: unknown, path = ''): string | undefined => {
  if (typeof value === 'string') return UNPAIRED.test(value) ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnpairedSurrogate(item, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNPAIRED.test(key)) return path ? `${path}.${key}` : key;
      const found = findUnpairedSurrogate(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
};
