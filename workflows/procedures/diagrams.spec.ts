import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeStates } from '../core/describe.js';
import { toMermaid } from '../core/diagram.js';
import { procedureDocFile, renderProcedureDoc } from '../core/procedure-doc.js';
import { PROCEDURE_VERSIONS, getProcedure } from '../registry.js';

const docsDir = new URL('../../docs/procedures/', import.meta.url);

describe('generated procedure pages in docs/procedures', () => {
  it.each(PROCEDURE_VERSIONS.map((p) => [procedureDocFile(p), p] as const))('%s is up to date (run `npm run diagrams`)', (file, definition) => {
    const committed = readFileSync(new URL(file, docsDir), 'utf8');
    expect(committed).toBe(renderProcedureDoc(definition));
  });
});

describe(toMermaid.name, () => {
  const village = getProcedure('one-report-four-deliberations');
  if (!village) throw new Error('missing');

  it('labels every state in zh-CN by default and in en on request', () => {
    const zh = toMermaid(village);
    const en = toMermaid(village, { language: 'en' });
    for (const state of describeStates(village.machine)) {
      expect(zh).toContain(`"${state.label.zh}"`);
      expect(en).toContain(`"${state.label.en.replace(/'/g, "'")}"`);
    }
  });

  it('highlights the current state of a case', () => {
    const sut = toMermaid(village, { highlight: ['reviewing'] });
    expect(sut).toContain('class reviewing current');
    expect(toMermaid(village)).not.toContain('class reviewing current');
  });

  it('shows the report as the only way into the deliberations', () => {
    const sut = toMermaid(village);
    expect(sut).toContain('reported --> proposing: 同意');
    const into = sut.split('\n').filter((line) => line.includes('--> proposing') && !line.trim().startsWith('proposing '));
    expect(into).toEqual(['  reported --> proposing: 同意']);
  });
});
