/**
 * `npm run diagrams`: writes docs/procedures/<id>.v<version>.md (Mermaid diagram with zh-CN
 * labels, steps, events and senders) for every procedure version, generated from the statecharts.
 * `workflows/procedures/diagrams.spec.ts` fails when a committed page is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { procedureDocFile, renderProcedureDoc } from '../../workflows/core/procedure-doc.js';
import { PROCEDURE_VERSIONS } from '../../workflows/registry.js';

const dir = fileURLToPath(new URL('../../docs/procedures/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const definition of PROCEDURE_VERSIONS) {
  const file = procedureDocFile(definition);
  writeFileSync(`${dir}${file}`, renderProcedureDoc(definition));
  console.log(`wrote docs/procedures/${file}`);
}
