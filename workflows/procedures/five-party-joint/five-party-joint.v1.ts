import type { ProcedureDefinition } from '../../core/procedure.js';
import { fivePartyJointEvents } from './five-party-joint.v1.events.js';
import { fivePartyJointMachineV1 } from './five-party-joint.v1.machine.js';

export const fivePartyJointV1 = {
  id: 'five-party-joint',
  version: 1,
  label: { zh: '五位一体', en: 'Five-party joint consultation' },
  description: {
    zh: '封闭式小区：社区党组织、居委会、社区服务站、业主委员会、物业服务企业五方联席协商小区事务。',
    en: "Closed (gated) communities: the party organisation, residents' committee, service station, owners' committee and property company consult jointly.",
  },
  legalBasis: [
    { zh: '天桥区封闭式社区“五位一体”协商机制（来源材料未给出步骤，本流程为设计）', en: 'Tianqiao District five-party mechanism (the source gives no steps; this flow is a design)' },
  ],
  appliesTo: { unitKinds: ['community', 'grid', 'building'], settings: ['closed'] },
  events: fivePartyJointEvents,
  config: {
    implementationDeadlineDays: {
      type: 'integer',
      label: { zh: '落实期限（天）', en: 'Implementation deadline (days)' },
      min: 1,
      max: 365,
      optional: true,
    },
  },
  defaults: { implementationDeadlineDays: 30 },
  machine: fivePartyJointMachineV1,
} as const satisfies ProcedureDefinition<typeof fivePartyJointMachineV1>;
