import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/load-config.js';

describe('audit log settings', () => {
  it('has defaults', () => {
    expect(loadConfig({}).audit).toEqual({ origin: 'minyi.local/audit', checkpointIntervalMs: 60_000, signingKey: null, publishDir: null, publishUrls: [] });
  });

  it('reads every MINYI_* audit variable', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const config = loadConfig({
      MINYI_ORIGIN: 'tianqiao.example.cn/audit',
      MINYI_CHECKPOINT_INTERVAL_MS: '0',
      MINYI_AUDIT_SIGNING_KEY: pem,
      MINYI_CHECKPOINT_PUBLISH_DIR: '/srv/checkpoints',
      MINYI_CHECKPOINT_PUBLISH_URLS: 'https://audit.example.cn/inbox, http://10.0.0.2:8080/cp',
    });
    expect(config.audit).toEqual({
      origin: 'tianqiao.example.cn/audit',
      checkpointIntervalMs: 0,
      signingKey: pem,
      publishDir: '/srv/checkpoints',
      publishUrls: ['https://audit.example.cn/inbox', 'http://10.0.0.2:8080/cp'],
    });
  });

  it('refuses an origin with spaces or "+", a negative interval, URLs that are not http(s)', () => {
    expect(() => loadConfig({ MINYI_ORIGIN: 'my log' })).toThrow(ConfigError);
    expect(() => loadConfig({ MINYI_ORIGIN: 'a+b' })).toThrow(ConfigError);
    expect(() => loadConfig({ MINYI_CHECKPOINT_INTERVAL_MS: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ MINYI_CHECKPOINT_PUBLISH_URLS: 'ftp://x' })).toThrow(/MINYI_CHECKPOINT_PUBLISH_URLS/);
  });
});
