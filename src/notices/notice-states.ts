import { describeStates, type StateDescription } from '../../workflows/core/describe.js';
import type { NoticeKind, ProcedureDefinition } from '../../workflows/core/procedure.js';

export interface NoticeStateInfo {
  readonly path: string;
  readonly kind: NoticeKind;
  readonly label: StateDescription['label'];
}

const cache = new Map<ProcedureDefinition, readonly NoticeStateInfo[]>();

/** The notice states a procedure version declares (`meta.notice`), read once from its statechart. */
export const noticeStatesOf = (definition: ProcedureDefinition): readonly NoticeStateInfo[] => {
  let states = cache.get(definition);
  if (!states) {
    states = describeStates(definition.machine).flatMap((s) => (s.notice ? [{ path: s.path, kind: s.notice.kind, label: s.label }] : []));
    cache.set(definition, states);
  }
  return states;
};

/** The notice state a case's deepest state path lies in, if any. */
export const noticeStateAt = (definition: ProcedureDefinition, statePath: string | undefined): NoticeStateInfo | undefined =>
  statePath === undefined ? undefined : noticeStatesOf(definition).find((s) => statePath === s.path || statePath.startsWith(`${s.path}.`));
