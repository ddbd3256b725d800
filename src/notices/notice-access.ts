import { maySend, type SendPermission } from '../../workflows/core/permissions.js';
import { covers, type Actor } from '../auth/actor.js';
import { definitionOf } from '../cases/case-engine.js';
import type { CaseRecord } from '../cases/case-record.js';
import { actorFactOf } from '../cases/case.mapper.js';
import type { UnitDirectory } from '../cases/unit-directory.js';

/** The event whose declared senders are the staff who answer objections (and so may extend a notice). */
const ANSWER_EVENT = 'objection.uphold';

/**
 * Whether the actor may answer objections on this case, as its procedure declares the senders of
 * `objection.uphold` — the same check the engine makes when the answer is sent.
 */
export const answerPermission = async (units: UnitDirectory, actor: Actor, record: CaseRecord): Promise<SendPermission> => {
  const decl = definitionOf(record).events[ANSWER_EVENT];
  if (!decl) return { allowed: false };
  const unitPath = await units.pathOf(record.unitPath);
  const permission = maySend(decl, actorFactOf(actor, unitPath), { submitterId: record.submitterId, unitPath });
  // only a role answers objections, never the submitter as such
  return permission.allowed && permission.as === 'role' ? permission : { allowed: false };
};

/** Objection contacts: the answering staff, and supervisors over the case's unit (who read everything). */
export const mayReadObjections = async (units: UnitDirectory, actor: Actor, record: CaseRecord): Promise<boolean> =>
  covers(actor, record.unitPath, ['supervisor']) || (await answerPermission(units, actor, record)).allowed;
