import { describeStates, describeTransitions, type StateDescription } from './describe.js';
import type { EventDecl } from './event-declaration.js';
import type { ProcedureDefinition } from './procedure.js';

export interface DiagramOptions {
  readonly language?: 'zh' | 'en';
  /** State paths to highlight (a case's current state). */
  readonly highlight?: readonly string[];
}

const mermaidId = (path: string): string => path.replace(/[^A-Za-z0-9]/g, '_');
const quote = (text: string): string => text.replace(/"/g, "'").replace(/[:;]/g, ' ');

/**
 * A Mermaid state diagram generated from the statechart itself, labelled in zh-CN by default.
 * Transitions that stay in the same state (recording a finding, an objection) show as loops.
 */
export const toMermaid = (definition: ProcedureDefinition, options: DiagramOptions = {}): string => {
  const lang = options.language ?? 'zh';
  const states = describeStates(definition.machine);
  const transitions = describeTransitions(definition.machine);
  const events: Readonly<Record<string, EventDecl>> = definition.events;
  const lines: string[] = ['stateDiagram-v2', `  %% ${definition.id} v${definition.version}: ${definition.label[lang]}`];

  const render = (parent: string | null, indent: string) => {
    const children = states.filter((s) => s.parent === parent);
    for (const state of children) {
      const id = mermaidId(state.path);
      const grandchildren = states.filter((s) => s.parent === state.path);
      if (grandchildren.length > 0) {
        lines.push(`${indent}state "${quote(state.label[lang])}" as ${id} {`);
        render(state.path, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${quote(state.label[lang])}" as ${id}`);
      }
    }
    const initial = children.find((s) => s.initial);
    if (initial) lines.push(`${indent}[*] --> ${mermaidId(initial.path)}`);
  };
  render(null, '  ');

  for (const t of transitions) {
    const eventLabel = t.event === '(always)' ? (lang === 'zh' ? '自动' : 'automatic') : (events[t.event]?.label[lang] ?? t.event);
    const guard = t.guardLabel ? ` [${t.guardLabel[lang]}]` : '';
    const target = t.to ?? t.from;
    lines.push(`  ${mermaidId(t.from)} --> ${mermaidId(target)}: ${quote(eventLabel + guard)}`);
  }
  for (const state of states.filter((s: StateDescription) => s.final)) {
    lines.push(`  ${mermaidId(state.path)} --> [*]`);
  }
  if (options.highlight && options.highlight.length > 0) {
    lines.push('  classDef current fill:#ffd966,stroke:#b45f06,stroke-width:3px');
    for (const path of options.highlight) lines.push(`  class ${mermaidId(path)} current`);
  }
  return `${lines.join('\n')}\n`;
};
