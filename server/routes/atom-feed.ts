/** Atom feed of the newest notices matching a saved search. */
import type { NoticeHit } from '../../contract/api.ts';
import { xmlSafe } from '../../text/hygiene.ts';
import { escapeHtml } from '../search/highlight.ts';

/**
 * Escaped for XML, and without the characters XML 1.0 forbids: ingestion removes them
 * (text/hygiene.ts), but one left in an archive written before that, or a surrogate pair cut in
 * half by a length limit, would make the whole feed unreadable for every subscriber.
 */
const xml = (text: string) => escapeHtml(xmlSafe(text));

export function atomFeed(opts: { origin: string; selfUrl: string; title: string; notices: NoticeHit[]; updated: string }): string {
  const entries = opts.notices.map((n) => {
    const date = (n.publishedDate ?? `${n.year ?? 1970}-01-01`) + 'T00:00:00Z';
    const summary = n.paragraphs.map((p) => p.text).join('\n');
    return `  <entry>
    <id>${xml(opts.origin + n.url)}</id>
    <title>${xml(n.title ?? n.unit ?? n.noticeId)}</title>
    <link href="${xml(opts.origin + n.url)}"/>
    <updated>${date}</updated>
    ${n.unit ? `<author><name>${xml(n.unit)}</name></author>` : '<author><name>未知单位</name></author>'}
    <summary>${xml(summary.slice(0, 1000))}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(opts.selfUrl)}</id>
  <title>${xml(opts.title)}</title>
  <link rel="self" href="${xml(opts.selfUrl)}"/>
  <updated>${opts.updated}</updated>
${entries.join('\n')}
</feed>
`;
}
