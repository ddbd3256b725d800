import { FIVE_PARTIES, FIVE_PARTY_NAMES } from '../../workflows/rules/body-types.js';
import type { MeetingRecordDto } from './dto/meeting.dto.js';

/** Escapes text for HTML element content and double-quoted attributes. */
export const escapeHtml = (value: string | number | null | undefined): string =>
  (value === null || value === undefined ? '' : String(value)).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

const ATTENDANCE: Record<string, string> = { present: '到会 present', absent: '缺席 absent', on_leave: '请假 on leave', unrecorded: '未登记 not recorded' };
const CHOICE: Record<string, string> = { for: '赞成 for', against: '反对 against', abstain: '弃权 abstain' };
const STATUS: Record<string, string> = { convened: '已召集 convened', open: '进行中 open', voting: '表决中 voting', closed: '已闭会 closed' };
const MODE: Record<string, string> = { named: '记名表决 named ballots', tally: '举手表决 show of hands', secret: '无记名投票 secret ballot' };

const row = (label: string, value: string): string => `<tr><th>${label}</th><td>${value}</td></tr>`;

/** Five-party meeting: each of the five parties, represented or not, in the order of 五位一体. */
const partiesRows = (represented: readonly string[]): string => {
  const line = (names: readonly string[]) =>
    names.length === 0 ? '—' : `${names.map((p) => escapeHtml(FIVE_PARTIES[p as keyof typeof FIVE_PARTIES].zh)).join('、')}<br><span class="en">${names.map((p) => escapeHtml(FIVE_PARTIES[p as keyof typeof FIVE_PARTIES].en)).join(', ')}</span>`;
  return (
    row('到会各方 Parties represented', line(FIVE_PARTY_NAMES.filter((p) => represented.includes(p)))) + '\n' + row('未到会 Parties absent', line(FIVE_PARTY_NAMES.filter((p) => !represented.includes(p))))
  );
};

interface ResultView {
  readonly passed: boolean;
  readonly quorum: { readonly met: boolean };
  readonly decision: { readonly voted: boolean; readonly for: number; readonly against: number; readonly abstain: number };
  readonly explanation: { readonly zh: string; readonly en: string };
}

/**
 * The meeting record (会议记录) as a printable A4 page: zh-CN first, English beneath. Every value
 * that came from a user is escaped; the page loads nothing and runs no script.
 */
export const renderMeetingRecord = (record: MeetingRecordDto): string => {
  const e = escapeHtml;
  const result = record.result as unknown as ResultView | null;
  const members = record.members
    .map(
      (m, i) =>
        `<tr><td>${i + 1}</td><td>${e(m.name)}</td><td>${e(m.membership)}</td><td>${e(ATTENDANCE[m.attendance] ?? m.attendance)}</td><td>${m.signed ? '✓' : ''}</td>` +
        `<td>${m.recused ? `回避 recused：${e(m.recusalReason)}` : ''}</td>` +
        `<td>${m.choice ? e(CHOICE[m.choice] ?? m.choice) : m.voted ? '已投票 voted' : ''}</td></tr>`,
    )
    .join('\n');
  const votes = record.figures.votes;
  const corrections = record.corrections
    .map((c) => `<li>${e(c.recordedAt)} — 理由 reason：${e(c.reason)}；更正 correction：${e(c.correction)}（审计 #${e(c.globalSeq)}）</li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>会议记录 Meeting record — ${e(record.bodyName.zh)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; text-align: center; margin-bottom: 2mm; }
.en { color: #444; font-size: 9pt; }
table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { width: 30%; background: #f2f2f2; }
.roster th { width: auto; }
.result { font-weight: bold; }
.sign { margin-top: 12mm; display: flex; justify-content: space-between; }
</style>
</head>
<body>
<h1>${e(record.bodyName.zh)}会议记录<br><span class="en">${e(record.bodyName.en)} — meeting record</span></h1>
<table>
${row('单位 Unit', e(record.unitName))}
${row('事项 Case', `${e(record.caseTitle)} <span class="en">(${e(record.procedure)}, ${e(record.step)})</span>`)}
${row('议题 Motion', e(record.motion))}
${row('时间 Time', `${e(record.scheduledAt)} <span class="en">(opened ${e(record.openedAt ?? '—')}, closed ${e(record.closedAt ?? '—')})</span>`)}
${row('地点 Place', e(record.place))}
${row('通知时间 Notice given', e(record.noticeGivenAt))}
${row('主持人 Chair / 记录人 Recorder', `${e(record.chair ?? '—')} / ${e(record.recorder ?? '—')}`)}
${row('状态 Status', e(STATUS[record.status] ?? record.status))}
${row('表决方式 Voting', e(record.votingMode ? (MODE[record.votingMode] ?? record.votingMode) : '—'))}
${row('应到 Expected', e(record.figures.expected ?? '—'))}
${row('实到 Present', e(record.figures.present ?? '—'))}
${row('回避 Recused', e(record.figures.recused))}
${row('到会比例 Ratio', e(record.ratio))}
${record.figures.partiesRepresented !== null ? partiesRows(record.figures.partiesRepresented) : ''}
${record.figures.households !== null ? row('户数 Households', `${e(record.figures.householdsRepresented ?? '—')} / ${e(record.figures.households)}`) : ''}
${votes ? row('表决 Votes', `赞成 ${e(votes.for)}，反对 ${e(votes.against)}，弃权 ${e(votes.abstain)} <span class="en">(for ${e(votes.for)}, against ${e(votes.against)}, abstain ${e(votes.abstain)})</span>`) : ''}
${row('适用规则 Rule', `${e(record.rule.citation.zh)}：${e(record.rule.description.zh)}<br><span class="en">${e(record.rule.citation.en)}: ${e(record.rule.description.en)}</span>`)}
${
  result
    ? row(
        '结果 Result',
        `<span class="result">${result.passed ? '通过' : result.quorum.met ? '未通过' : '未达到法定人数，未作出决定'}</span> <span class="en">${result.passed ? 'passed' : result.quorum.met ? 'not passed' : 'no quorum: nothing decided'}</span><br>${e(result.explanation.zh)}<br><span class="en">${e(result.explanation.en)}</span>`,
      )
    : row('结果 Result', '会议尚未闭会 <span class="en">not closed yet</span>')
}
${record.closingNote ? row('备注 Note', e(record.closingNote)) : ''}
</table>
${
  record.members.length > 0
    ? `<h2>签到及表决 Attendance and votes</h2>
<table class="roster">
<tr><th>#</th><th>姓名 Name</th><th>身份 Membership</th><th>到会 Attendance</th><th>签到 Signed</th><th>回避 Recusal</th><th>表决 Vote</th></tr>
${members}
</table>`
    : ''
}
${corrections ? `<h2>更正记录 Corrections</h2><ul>${corrections}</ul>` : ''}
${record.composition && record.composition.warnings.length > 0 ? `<h2>组成提示 Composition</h2><ul>${record.composition.warnings.map((w) => `<li>${e(w.message.zh)} <span class="en">${e(w.message.en)}</span></li>`).join('')}</ul>` : ''}
<p class="en">审计记录 Audit entries: ${record.auditEntries.map((n) => `#${e(n)}`).join(', ')} — 会议编号 meeting ${e(record.id)}</p>
<div class="sign"><span>主持人签字 Chair：__________</span><span>记录人签字 Recorder：__________</span></div>
</body>
</html>
`;
};
