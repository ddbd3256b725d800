import { describe, expect, it } from 'vitest';
import { findUnpairedSurrogate } from './unpaired-surrogate.js';

describe(findUnpairedSurrogate.name, () => {
  it('finds an unpaired surrogate anywhere in a body and names its path', () => {
    expect(findUnpairedSurrogate({ title: 'a\ud800' })).toBe('title');
    expect(findUnpairedSurrogate({ payload: { list: ['ok', '\udc00x'] } })).toBe('payload.list[1]');
    expect(findUnpairedSurrogate('\ud83d')).toBe('(body)');
  });

  it('accepts proper text, including characters outside the BMP', () => {
    expect(findUnpairedSurrogate({ title: '议题 😀 \ud83d\ude00', n: 1, ok: true, none: null })).toBeUndefined();
  });
});
