import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip, ZipError } from './zip.js';

describe('zip', () => {
  const files = [
    { name: 'README.txt', data: Buffer.from('核验说明\n'.repeat(50)) },
    { name: 'audit/entries.jsonl', data: Buffer.from('{"a":1}\n') },
    { name: 'empty', data: Buffer.alloc(0) },
  ];

  it('round-trips, and refuses a damaged file', () => {
    const zip = writeZip(files);
    const read = readZip(zip);
    expect([...read.keys()]).toEqual(files.map((f) => f.name));
    for (const f of files) expect(read.get(f.name)).toEqual(f.data);
    const damaged = Buffer.from(zip);
    const at = damaged.indexOf(Buffer.from('{"a":1}'));
    damaged[at + 5] = 0x32;
    expect(() => readZip(damaged)).toThrow(ZipError);
    expect(() => readZip(Buffer.from('not a zip at all, really not'))).toThrow(ZipError);
  });

  it('is a zip that unzip reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), writeZip(files));
      let listing: string;
      try {
        listing = execFileSync('unzip', ['-l', join(dir, 'a.zip')], { encoding: 'utf8' });
      } catch {
        return; // no unzip on this machine
      }
      expect(listing).toContain('audit/entries.jsonl');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
