import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** workflows/ is pure: outside its specs it imports only `xstate` and its own files. */
const root = fileURLToPath(new URL('.', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

describe('workflows purity', () => {
  const files = sources(root);

  it('finds the workflow sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports only xstate and workflows files', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
    const foreign = specifiers.filter((s) => !(s === 'xstate' || s === 'xstate/graph' || s.startsWith('./') || s.startsWith('../')));
    expect(foreign).toEqual([]);
    const escaping = specifiers.filter((s) => s.startsWith('../') && !join(file, '..', s).startsWith(root));
    expect(escaping).toEqual([]);
    expect(text).not.toMatch(/\bDate\.now\(|new Date\(\)|Math\.random\(|process\.|setTimeout\(/);
  });
});
