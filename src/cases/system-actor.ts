import type { ActorFact } from '../../workflows/core/permissions.js';

/** The engine itself: the only sender of meeting results, notice-period ends and deadlines. */
export const SYSTEM_ACTOR_FACT: ActorFact = { kind: 'system' };
