/** Atom feed of the newest notices matching a saved search. */
import type { NoticeHit } from '../../contract/api.ts';
import { escapeHtml } from '../search/highlight.ts';

export function atomFeed(opts: { origin: string; selfUrl: string; title: string; notices: NoticeHit[]; updated: string }): string {
  const entries = opts.notices.map((n) => {
    const date = (n.publishedDate ?? `${n.year ?? 1970}-01-01`) + 'T00:00:00Z';
    const summary = n.paragraphs.map((p) => p.text).join('\n');
    return `  <entry>
    <id>${escapeHtml(opts.origin + n.url)}</id>
    <title>${escapeHtml(n.title ?? n.unit ?? n.noticeId)}</title>
    <link href="${escapeHtml(opts.origin + n.url)}"/>
    <updated>${date}</updated>
    ${n.unit ? `<author><name>${escapeHtml(n.unit)}</name></author>` : '<author><name>未知单位</name></author>'}
    <summary>${escapeHtml(summary.slice(0, 1000))}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeHtml(opts.selfUrl)}</id>
  <title>${escapeHtml(opts.title)}</title>
  <link rel="self" href="${escapeHtml(opts.selfUrl)}"/>
  <updated>${opts.updated}</updated>
${entries.join('\n')}
</feed>
`;
}
