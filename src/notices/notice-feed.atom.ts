import type { PublicNoticePageDto } from './dto/notice.dto.js';
import { escapeMarkup as e } from './escape.js';

/**
 * A unit's board as an Atom feed (RFC 4287): one entry per notice, updated when it closes. Text
 * constructs are `type="text"`, escaped, so nothing a person wrote can become markup.
 */
export const renderNoticeFeed = (board: PublicNoticePageDto, links: { self: string; board: string; notice: (id: string) => string; now: string }): string => {
  const updatedOf = (n: PublicNoticePageDto['items'][number]) => n.closedAt ?? n.startsAt;
  const updated = board.items.map(updatedOf).sort().at(-1) ?? links.now;
  const entries = board.items
    .map(
      (n) => `  <entry>
    <id>urn:uuid:${e(n.id)}</id>
    <title type="text">${e(n.body.kind.zh)}：${e(n.title)}</title>
    <published>${e(n.startsAt)}</published>
    <updated>${e(updatedOf(n))}</updated>
    <link rel="alternate" type="text/html" href="${e(links.notice(n.id))}"/>
    <category term="${e(n.kind)}" label="${e(n.body.kind.zh)}"/>
    <summary type="text">${e(`${n.body.description}\n\n公示期 ${n.startsAt} — ${n.endsAt}；状态 ${n.status}；核验码 ${n.verificationHash}`)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>urn:uuid:${e(board.unit.id)}</id>
  <title type="text">${e(board.unit.name)} 公示栏</title>
  <subtitle type="text">Public notices of ${e(board.unit.name)} and the units below it</subtitle>
  <updated>${e(updated)}</updated>
  <author><name>${e(board.unit.name)}</name></author>
  <generator>minyi</generator>
  <link rel="self" type="application/atom+xml" href="${e(links.self)}"/>
  <link rel="alternate" type="text/html" href="${e(links.board)}"/>
${entries}
</feed>
`;
};
