import type { ProcedureDefinition } from '../../core/procedure.js';
import { fiveStepEvents } from './five-step.v1.events.js';
import { fiveStepMachineV1 } from './five-step.v1.machine.js';

export const fiveStepV1 = {
  id: 'five-step',
  version: 1,
  label: { zh: '五步议事', en: 'Five-step deliberation' },
  description: {
    zh: '居民议事会议事流程：选题、调研、协商、研究、公示，然后落实办结。',
    en: 'Resident-council procedure: topic selection, research, consultation, study, public notice, then implementation.',
  },
  legalBasis: [
    { zh: '《城市居民委员会组织法》（居民会议、居民自治）', en: "Organic Law of Urban Residents' Committees (residents' self-government)" },
    { zh: '天桥区社区治理实践（翡翠郡社区居民议事会）', en: 'Tianqiao District community-governance practice (Feicuijun community resident council)' },
  ],
  appliesTo: { unitKinds: ['community', 'village', 'grid', 'building'], settings: ['village', 'open', 'closed', 'village_to_community'] },
  events: fiveStepEvents,
  config: {
    noticePeriodDays: {
      type: 'integer',
      label: { zh: '公示天数', en: 'Notice period (days)' },
      min: 1,
      max: 60,
      optional: true,
    },
  },
  defaults: { noticePeriodDays: 7 },
  machine: fiveStepMachineV1,
} as const satisfies ProcedureDefinition<typeof fiveStepMachineV1>;
