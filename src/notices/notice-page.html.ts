import type { PublicNoticeDto, PublicNoticePageDto } from './dto/notice.dto.js';
import { escapeMarkup as e } from './escape.js';

const STATUS: Record<string, string> = {
  running: '公示中 <span class="en">running — objections may be filed</span>',
  ended: '公示期满 <span class="en">period ended</span>',
  withdrawn: '已撤回（异议成立） <span class="en">withdrawn (objection upheld)</span>',
};

/** A time as a board reader reads it: Beijing time (UTC+8), to the minute. */
export const beijingTime = (iso: string | null): string => {
  if (iso === null) return '—';
  const t = new Date(Date.parse(iso) + 8 * 60 * 60 * 1000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
};

const STYLE = `@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; font-size: 12pt; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 20pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.3em; }
h2 { font-size: 15pt; text-align: center; margin: 0 0 4mm; }
.en { color: #444; font-size: 9pt; letter-spacing: 0; }
table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { width: 28%; background: #f2f2f2; }
.text { white-space: pre-wrap; }
.verify { display: flex; gap: 6mm; align-items: flex-start; margin-top: 6mm; page-break-inside: avoid; }
.verify svg { width: 32mm; height: 32mm; flex: none; }
.hash { font-family: "Courier New", monospace; font-size: 9pt; word-break: break-all; }
.board td, .board th { font-size: 11pt; }
@media print { a { color: #000; text-decoration: none; } }`;

/** An A4 page for the physical board: this style, no script, nothing loaded (publications use it too). */
export const printablePage = (title: string, body: string): string => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${STYLE}
</style>
</head>
<body>
${body}
</body>
</html>
`;

const row = (label: string, value: string): string => `<tr><th>${label}</th><td>${value}</td></tr>`;

/**
 * One notice as a printable A4 page for the physical board (公开栏): zh-CN first, English beneath,
 * the verification hash and a QR code of the page's own address. Every value from a person is
 * escaped; the page loads nothing and runs no script.
 */
export const renderNoticePage = (notice: PublicNoticeDto, link: { url: string; qrSvg: string }): string => {
  const b = notice.body;
  const decision = [
    `${e(b.decision.event.zh)} <span class="en">${e(b.decision.event.en)}</span>（${e(beijingTime(b.decision.at))}）`,
    ...b.decision.texts.map((t) => `${e(t.label.zh)} <span class="en">${e(t.label.en)}</span>：<span class="text">${e(t.text)}</span>`),
  ].join('<br>');
  const f = b.meeting?.figures ?? null;
  const n = (v: number | null | undefined) => e(v ?? '—');
  const figures = f
    ? `<br>应到 ${n(f.expected)}，实到 ${n(f.present)}，回避 ${n(f.recused)}；赞成 ${n(f.for)}，反对 ${n(f.against)}，弃权 ${n(f.abstain)}` +
      ` <span class="en">expected ${n(f.expected)}, present ${n(f.present)}, recused ${n(f.recused)}; for ${n(f.for)}, against ${n(f.against)}, abstain ${n(f.abstain)}</span>`
    : '';
  const meeting = b.meeting
    ? `${e(b.meeting.bodyLabel.zh)}：${b.meeting.quorumMet ? '到会人数符合规定' : '未达到法定人数'}，${b.meeting.passed ? '表决通过' : '表决未通过'}` +
      ` <span class="en">${e(b.meeting.bodyLabel.en)}: ${b.meeting.quorumMet ? 'quorum met' : 'no quorum'}, ${b.meeting.passed ? 'passed' : 'not passed'}</span>${figures}`
    : '';
  const period =
    `${e(beijingTime(notice.startsAt))} 至 ${e(beijingTime(notice.endsAt))}（北京时间）` +
    (notice.extendedDays > 0 ? `，已延长 ${e(notice.extendedDays)} 天 <span class="en">extended by ${e(notice.extendedDays)} day(s)</span>` : '');
  const o = notice.objections;
  const body = `<h1>${e(b.kind.zh)}</h1>
<h2>${e(notice.title)}<br><span class="en">${e(b.kind.en)} — ${e(notice.unit.name)}</span></h2>
<table>
${row('单位 <span class="en">Unit</span>', e(notice.unit.name))}
${row('事项 <span class="en">Matter</span>', `<span class="text">${e(b.description)}</span>`)}
${row('议事流程 <span class="en">Procedure</span>', `${e(b.procedure.zh)}（${e(b.step.zh)}） <span class="en">${e(b.procedure.en)} (${e(b.step.en)})</span>`)}
${row('决定 <span class="en">Decision</span>', decision)}
${meeting ? row('会议结果 <span class="en">Meeting</span>', meeting) : ''}
${row('公示期 <span class="en">Period</span>', period)}
${row('状态 <span class="en">Status</span>', STATUS[notice.status] ?? e(notice.status))}
${row('异议 <span class="en">Objections</span>', `已收到 ${e(o.filed)} 件，待答复 ${e(o.pending)}，成立 ${e(o.upheld)}，不成立 ${e(o.dismissed)} <span class="en">filed ${e(o.filed)}, pending ${e(o.pending)}, upheld ${e(o.upheld)}, not upheld ${e(o.dismissed)}</span>`)}
</table>
<p>公示期内，任何人均可对上述事项提出异议：扫描二维码或访问下方网址，填写姓名、联系方式和异议内容。联系方式仅工作人员可见；异议内容将记入不可更改的审计记录，请勿填写个人隐私。<br>
<span class="en">Anyone may object during the period: scan the code or open the address below. Contacts are seen by staff only; the text is kept in the tamper-evident audit trail, so leave private details out of it.</span></p>
<div class="verify">
${link.qrSvg}
<div>
<div>网址 <span class="en">Address</span>：<a href="${e(link.url)}">${e(link.url)}</a></div>
<div>核验码 <span class="en">Verification hash (audit entry that published this notice)</span>：</div>
<div class="hash">${e(notice.verificationHash)}</div>
</div>
</div>`;
  return printablePage(`${e(b.kind.zh)}：${e(notice.title)}`, body);
};

/** A unit's board as one printable page: the notices of the unit and the units below it. */
export const renderBoardPage = (board: PublicNoticePageDto, link: { url: string; qrSvg: string; noticeUrl: (id: string) => string }): string => {
  const rows = board.items
    .map(
      (n) =>
        `<tr><td>${e(n.body.kind.zh)}</td><td><a href="${e(link.noticeUrl(n.id))}">${e(n.title)}</a><br><span class="en">${e(n.unit.name)}</span></td>` +
        `<td>${e(beijingTime(n.startsAt))} 至 ${e(beijingTime(n.endsAt))}</td><td>${STATUS[n.status] ?? e(n.status)}</td></tr>`,
    )
    .join('\n');
  const pages = Math.max(1, Math.ceil(board.total / board.pageSize));
  const body = `<h1>公示栏</h1>
<h2>${e(board.unit.name)}<br><span class="en">Public notice board — page ${e(board.page)} of ${e(pages)}, ${e(board.total)} notice(s)</span></h2>
<table class="board">
<tr><th>类别 <span class="en">Kind</span></th><th>事项 <span class="en">Matter</span></th><th>公示期（北京时间） <span class="en">Period</span></th><th>状态 <span class="en">Status</span></th></tr>
${rows || '<tr><td colspan="4">暂无公示 <span class="en">No notices</span></td></tr>'}
</table>
<div class="verify">
${link.qrSvg}
<div>网址 <span class="en">Address</span>：<a href="${e(link.url)}">${e(link.url)}</a></div>
</div>`;
  return printablePage(`公示栏：${e(board.unit.name)}`, body);
};
