import { validatePayload, type PayloadError } from './core/payload.js';
import type { ProcedureDefinition, Setting } from './core/procedure.js';
import type { CommunityType, UnitKind } from './org/unit-kinds.js';
import { fivePartyJointV1 } from './procedures/five-party-joint/five-party-joint.v1.js';
import { fiveStepV1 } from './procedures/five-step/five-step.v1.js';
import { fourPlusFiveV1 } from './procedures/four-plus-five/four-plus-five.v1.js';
import { oneReportFourDeliberationsV1 } from './procedures/one-report-four-deliberations/one-report-four-deliberations.v1.js';

/**
 * Every procedure and every version ever released. A case pins the version it started on, so an
 * old version stays here, loadable, for as long as cases started on it exist: add versions, never
 * remove or edit a released one.
 */
export const PROCEDURE_VERSIONS: readonly ProcedureDefinition[] = [
  fiveStepV1,
  fourPlusFiveV1,
  oneReportFourDeliberationsV1,
  fivePartyJointV1,
];

export const PROCEDURE_IDS = [...new Set(PROCEDURE_VERSIONS.map((p) => p.id))];

export const getProcedure = (id: string, version?: number): ProcedureDefinition | undefined => {
  const versions = PROCEDURE_VERSIONS.filter((p) => p.id === id);
  if (version === undefined) return versions.reduce<ProcedureDefinition | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);
  return versions.find((p) => p.version === version);
};

export const versionsOf = (id: string): number[] =>
  PROCEDURE_VERSIONS.filter((p) => p.id === id)
    .map((p) => p.version)
    .sort((a, b) => a - b);

/** The latest version of every procedure. */
export const latestProcedures = (): ProcedureDefinition[] =>
  PROCEDURE_IDS.map((id) => getProcedure(id)).filter((p): p is ProcedureDefinition => p !== undefined);

/** The setting of a unit from its path (root first): the nearest village, or community and its type. */
export const settingOf = (path: readonly { kind: UnitKind; communityType?: CommunityType | null }[]): Setting | null => {
  for (const unit of [...path].reverse()) {
    if (unit.kind === 'village') return 'village';
    if (unit.kind === 'community') return unit.communityType ?? null;
  }
  return null;
};

/** Whether a procedure applies by default to a unit of this kind in this setting. */
export const appliesTo = (definition: ProcedureDefinition, unit: { kind: UnitKind; setting: Setting | null }): boolean =>
  definition.appliesTo.unitKinds.includes(unit.kind) && unit.setting !== null && definition.appliesTo.settings.includes(unit.setting);

/** A case's configuration: the procedure's defaults overridden by the unit's or the case's values. */
export const resolveConfig = (
  definition: ProcedureDefinition,
  overrides: unknown,
): { ok: true; config: Record<string, unknown> } | { ok: false; errors: readonly PayloadError[] } => {
  const result = validatePayload(definition.config, overrides ?? {});
  if (!result.ok) return { ok: false, errors: result.errors };
  const given = Object.fromEntries(Object.entries(result.value).filter(([, v]) => v !== undefined));
  return { ok: true, config: { ...definition.defaults, ...given } };
};
