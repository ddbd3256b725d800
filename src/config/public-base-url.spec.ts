import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import { parsePublicBaseUrl } from './public-base-url.js';

describe('parsePublicBaseUrl', () => {
  it.each([
    ['https://gongshi.example.cn', 'https://gongshi.example.cn'],
    ['https://gongshi.example.cn/', 'https://gongshi.example.cn'],
    ['HTTPS://GongShi.Example.CN:443/', 'https://gongshi.example.cn'],
    ['http://192.0.2.7:8080//', 'http://192.0.2.7:8080'],
    ['https://example.cn/minyi/', 'https://example.cn/minyi'],
    ['https://example.cn/minyi', 'https://example.cn/minyi'],
    ['http://[2001:db8::1]:3000/', 'http://[2001:db8::1]:3000'],
  ])('accepts %s as %s', (value, url) => {
    expect(parsePublicBaseUrl(value)).toEqual({ ok: true, url });
  });

  it.each([
    ['gongshi.example.cn', 'absolute'],
    ['/minyi', 'absolute'],
    ['ftp://example.cn', 'http://'],
    ['javascript:alert(1)', 'http://'],
    ['https://user:pw@example.cn', 'user name'],
    ['https://example.cn/?a=1', 'query'],
    ['https://example.cn/?', 'query'],
    ['https://example.cn/#top', 'fragment'],
  ])('refuses %s', (value, why) => {
    const result = parsePublicBaseUrl(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toContain(why);
  });
});

describe('MINYI_PUBLIC_BASE_URL in the configuration', () => {
  it('is unset by default (links follow the request), normalised when set, and a bad value stops the start', () => {
    expect(loadConfig({}).publicBaseUrl).toBeNull();
    expect(loadConfig({ MINYI_PUBLIC_BASE_URL: 'https://gongshi.example.cn/' }).publicBaseUrl).toBe('https://gongshi.example.cn');
    expect(() => loadConfig({ MINYI_PUBLIC_BASE_URL: 'https://example.cn/?x=1' })).toThrow(/MINYI_PUBLIC_BASE_URL must not have a query/);
  });
});
