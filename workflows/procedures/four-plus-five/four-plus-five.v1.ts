import type { ProcedureDefinition } from '../../core/procedure.js';
import { fourPlusFiveEvents } from './four-plus-five.v1.events.js';
import { fourPlusFiveMachineV1 } from './four-plus-five.v1.machine.js';

export const fourPlusFiveV1 = {
  id: 'four-plus-five',
  version: 1,
  label: { zh: '四+五', en: 'Four + Five' },
  description: {
    zh: '开放式社区：街道、社区、网格、楼栋四级互动，意见征集、协商议事、党委审核、落实反馈、结果评估五步协商。',
    en: 'Open communities: four-level interaction (sub-district, community, grid, building) and five-step consultation.',
  },
  legalBasis: [
    { zh: '天桥区“四+五”社区协商机制（南村街道西社区区域化党建试点）', en: 'Tianqiao District "4+5" consultation (Nancun sub-district pilot)' },
    { zh: '四级组织：街道大工委—社区大党委—网格党支部—楼栋党小组', en: 'Four levels: sub-district working committee, community party committee, grid branch, building group' },
  ],
  appliesTo: { unitKinds: ['community', 'grid', 'building'], settings: ['open'] },
  events: fourPlusFiveEvents,
  config: {
    evaluationThresholdPercent: {
      type: 'integer',
      label: { zh: '满意率标准（%，含本数）', en: 'Satisfaction threshold (%, inclusive)' },
      min: 1,
      max: 100,
      optional: true,
    },
    reviewDeadlineDays: {
      type: 'integer',
      label: { zh: '审核期限（天）', en: 'Review deadline (days)' },
      min: 1,
      max: 90,
      optional: true,
    },
  },
  defaults: { evaluationThresholdPercent: 80, reviewDeadlineDays: 10 },
  machine: fourPlusFiveMachineV1,
} as const satisfies ProcedureDefinition<typeof fourPlusFiveMachineV1>;
