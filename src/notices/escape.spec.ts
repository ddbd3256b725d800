import { describe, expect, it } from 'vitest';
import { escapeMarkup } from './escape.js';

describe('escapeMarkup', () => {
  it('escapes markup and quotes and drops characters XML forbids', () => {
    expect(escapeMarkup('"><img src=x onerror=alert(1)>&\'')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;');
    expect(escapeMarkup('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(escapeMarkup(null)).toBe('');
    expect(escapeMarkup(3)).toBe('3');
  });
});
