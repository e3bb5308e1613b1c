/**
 * Above the paragraph a permalink opens at: which notice this is (title, unit, date) and where
 * in it. The notice's header is scrolled off screen by then, on a phone many screens up, and a
 * quoted paragraph means little without its source.
 */
import type { NoticeRecord, Paragraph } from '../../../contract/notice.ts';
import { joinIsolated } from '../lib/isolate.tsx';
import { chineseDate } from '../lib/labels.ts';

export function PermalinkSource({ notice, p, itemId }: { notice: NoticeRecord; p: Paragraph; itemId?: string }) {
  const item = itemId ? p.items.find((i) => i.id === itemId) : undefined;
  const date = notice.publishedDate ? `${chineseDate(notice.publishedDate)}发布` : notice.year ? `${notice.year}年` : undefined;
  const position = `第 ${p.seq + 1} 段${item ? `“${item.label}”项` : ''}`;
  return (
    <div className="permalink-source" data-testid="permalink-source" role="note" aria-label="链接所指段落的出处">
      <span className="permalink-title">
        《<bdi>{notice.title ?? '（无标题）'}</bdi>》
      </span>
      <span className="permalink-meta">{joinIsolated([notice.unit, date, position])}</span>
    </div>
  );
}
