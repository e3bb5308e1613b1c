/**
 * The quotation of one paragraph or 一是-item, as a journalist pastes it: the text as
 * published, then its source — unit, title, date, position in the notice, permalink.
 */
import type { NoticeRecord, Paragraph } from '../../../contract/notice.ts';
import { isolatedText } from './isolate.tsx';
import { chineseDate } from './labels.ts';

export function permalinkUrl(noticeId: string, anchorId: string, origin = window.location.origin): string {
  return `${origin}/notices/${noticeId}#${anchorId}`;
}

export function citationText(
  notice: NoticeRecord,
  p: Paragraph,
  itemId?: string,
  origin = window.location.origin,
  today = new Date(),
): string {
  const item = itemId ? p.items.find((i) => i.id === itemId) : undefined;
  const date = notice.publishedDate ? `${chineseDate(notice.publishedDate)}发布` : notice.year ? `${notice.year}年` : '发布日期不详';
  const heading = p.headingPath.length ? `“${p.headingPath.map(isolatedText).join(' › ')}”下` : '';
  const position = `${heading}第 ${p.seq + 1} 段${item ? `“${item.label}”项` : ''}`;
  const accessed = `${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`;
  const unit = notice.unitAsWritten ?? notice.unit;
  const source = `${unit ? `${isolatedText(unit)}：` : ''}《${isolatedText(notice.title ?? '（无标题）')}》，${date}，${position}。${permalinkUrl(notice.id, item?.id ?? p.id, origin)}（访问于${accessed}）`;
  return `“${isolatedText(item ? item.label + item.text : p.text)}”\n——${source}`;
}
