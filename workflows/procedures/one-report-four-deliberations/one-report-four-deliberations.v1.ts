import type { ProcedureDefinition } from '../../core/procedure.js';
import { oneReportFourDeliberationsEvents } from './one-report-four-deliberations.v1.events.js';
import { oneReportFourDeliberationsMachineV1 } from './one-report-four-deliberations.v1.machine.js';

export const oneReportFourDeliberationsV1 = {
  id: 'one-report-four-deliberations',
  version: 1,
  label: { zh: '一报四议两公开', en: 'One report, four deliberations, two publications' },
  description: {
    zh: '村级重大事项：报乡镇党委审核，村党组织提议、两委商议、党员大会审议、村民代表会议或村民会议决议，决议和实施结果公开。',
    en: "Major village matters: report to the township party committee; party organisation proposes, two committees discuss, party members review, representatives or assembly resolve; resolution and result published.",
  },
  legalBasis: [
    { zh: '《村民委员会组织法》第二十一至二十六条（村民会议、村民代表会议）', en: "Organic Law of Villagers' Committees arts. 21–26 (assembly, representative meeting)" },
    { zh: '《村民委员会组织法》第三十条（村务公开）', en: "Organic Law of Villagers' Committees art. 30 (village affairs publication)" },
    { zh: '《中国共产党支部工作条例（试行）》（党员大会）', en: 'CPC Branch Work Regulations (trial, 2018) (party-member assembly)' },
    { zh: '“四议两公开”工作法（河南邓州，2004年起；2009年起全国推广）', en: '"Four deliberations, two publications" (Dengzhou, Henan, 2004; national from 2009)' },
  ],
  appliesTo: { unitKinds: ['village', 'community', 'grid'], settings: ['village', 'village_to_community'] },
  events: oneReportFourDeliberationsEvents,
  config: {
    resolutionNoticeDays: {
      type: 'integer',
      label: { zh: '决议公开天数', en: 'Resolution notice (days)' },
      min: 1,
      max: 60,
      optional: true,
    },
    resultNoticeDays: {
      type: 'integer',
      label: { zh: '实施结果公开天数', en: 'Result notice (days)' },
      min: 1,
      max: 60,
      optional: true,
    },
  },
  defaults: { resolutionNoticeDays: 7, resultNoticeDays: 7 },
  machine: oneReportFourDeliberationsMachineV1,
} as const satisfies ProcedureDefinition<typeof oneReportFourDeliberationsMachineV1>;
