import { escapeMarkup as e } from '../notices/escape.js';
import { beijingTime, printablePage } from '../notices/notice-page.html.js';
import type { PublicPublicationDto, PublicPublicationPageDto } from './dto/publication.dto.js';

const row = (label: string, value: string): string => `<tr><th>${label}</th><td>${value}</td></tr>`;

const periodText = (p: PublicPublicationDto): string => (p.period === null ? '随时公布 <span class="en">published at once</span>' : e(p.period));

/**
 * One village publication (村务公开) as a printable A4 page for the physical board: zh-CN first,
 * English beneath, the content hash and chain link, and a QR code of the page's own address.
 * Every value from a person is escaped; the page loads nothing and runs no script.
 */
export const renderPublicationPage = (p: PublicPublicationDto, link: { url: string; qrSvg: string }): string => {
  const body = `<h1>村务公开</h1>
<h2>${e(p.title)}<br><span class="en">Village affairs publication — ${e(p.unit.name)}</span></h2>
<table>
${row('单位 <span class="en">Village</span>', e(p.unit.name))}
${row('公开事项 <span class="en">Matter</span>', `${e(p.matterLabel.zh)} <span class="en">${e(p.matterLabel.en)}</span>`)}
${row('公开期间 <span class="en">Period</span>', periodText(p))}
${row('内容 <span class="en">Content</span>', `<span class="text">${e(p.body)}</span>`)}
${row('公布 <span class="en">Published</span>', `${e(p.publishedByRoleLabel.zh)}，${e(beijingTime(p.publishedAt))}（北京时间） <span class="en">${e(p.publishedByRoleLabel.en)}, ${e(p.publishedAt)}</span>`)}
</table>
<p>村民对公布的事项有疑问的，可以向村民委员会查询；村民委员会不及时公布应当公布的事项或者公布的事项不真实的，村民有权向乡镇人民政府或者县级人民政府及其有关主管部门反映。<br>
<span class="en">Villagers may ask the committee about what is published, and may complain to the township or county government when something is not published or not true.</span></p>
<div class="verify">
${link.qrSvg}
<div>
<div>网址 <span class="en">Address</span>：<a href="${e(link.url)}">${e(link.url)}</a></div>
<div>内容核验码 <span class="en">Content hash (SHA-256 of village, matter, period, title and content)</span>：</div>
<div class="hash">${e(p.contentHash)}</div>
<div>公开链第 ${e(p.chain.seq)} 条 <span class="en">Link ${e(p.chain.seq)} of the village's publication chain</span>：</div>
<div class="hash">${e(p.chain.hash)}</div>
</div>
</div>`;
  return printablePage(`村务公开：${e(p.title)}`, body);
};

/** A unit's publication board as one printable page. */
export const renderPublicationBoardPage = (board: PublicPublicationPageDto, link: { url: string; qrSvg: string; pageUrl: (id: string) => string }): string => {
  const rows = board.items
    .map(
      (p) =>
        `<tr><td>${e(p.matterLabel.zh)}</td><td><a href="${e(link.pageUrl(p.id))}">${e(p.title)}</a><br><span class="en">${e(p.unit.name)}</span></td>` +
        `<td>${periodText(p)}</td><td>${e(beijingTime(p.publishedAt))}</td></tr>`,
    )
    .join('\n');
  const pages = Math.max(1, Math.ceil(board.total / board.pageSize));
  const body = `<h1>村务公开栏</h1>
<h2>${e(board.unit.name)}<br><span class="en">Village affairs publications — page ${e(board.page)} of ${e(pages)}, ${e(board.total)} publication(s)</span></h2>
<table class="board">
<tr><th>事项 <span class="en">Matter</span></th><th>标题 <span class="en">Title</span></th><th>期间 <span class="en">Period</span></th><th>公布时间（北京时间） <span class="en">Published</span></th></tr>
${rows || '<tr><td colspan="4">暂无公开事项 <span class="en">Nothing published</span></td></tr>'}
</table>
<div class="verify">
${link.qrSvg}
<div>网址 <span class="en">Address</span>：<a href="${e(link.url)}">${e(link.url)}</a></div>
</div>`;
  return printablePage(`村务公开栏：${e(board.unit.name)}`, body);
};
