/**
 * Whether a text is a rectification notice or a news story about an inspection: web
 * pages found beside the notices report the feedback meeting (巡察组向…反馈巡察情况,
 * 反馈会召开), an inspection round's summary or a supervision visit. Those are not what a
 * unit publishes about its own rectification; indexed, they would add a unit, a year and
 * "problems" that no notice states. Pure.
 */
import { SECTIONS, matchesAny } from './lexicon.ts';
import type { ParsedNotice } from './notice.ts';

export const NEWS_STORY = {
  reason: 'news-story',
  message:
    '这是一篇关于巡视巡察反馈会或整改督查的新闻报道，不是被巡视巡察单位发布的整改通报，未索引 (a news story about an inspection feedback meeting or a rectification check, not a rectification notice: not indexed)',
} as const;

/** What a news story about the feedback says: the meeting, the handing over, a dateline. */
const NEWS_SIGNS: RegExp[] = [
  /反馈(?:会|会议|大会)/,
  /(?:巡视|巡察)(?:情况)?反馈(?:工作|会)/,
  /向.{1,40}?(?:集中|全面|现场)?反馈(?:了)?(?:第.{1,4}轮)?(?:巡视|巡察)?[“"]?(?:回头看)?[”"]?(?:情况|意见)/,
  /情况反馈/,
  /\d{1,2}月\d{1,2}日(?:电|讯)|(?:讯|电)\s*[（(]\s*记者|新华社|本站消息|记者/,
  /督查组|回访督查|专项督查|督查工作/,
];

/** How many opening paragraphs are read for the notice's own formula. */
const INTRO_SEARCH = 6;

/**
 * True when the text reads as a news story: no notice title of its own, no 现将…予以公布
 * formula among its first paragraphs and no problems part — and it speaks of a feedback
 * meeting, carries a news dateline or reports a supervision check. A notice cut short
 * before its formula keeps its title or its problems and is not refused.
 */
export function isNewsStory(notice: Pick<ParsedNotice, 'titleDerived' | 'paragraphs'>): boolean {
  if (!notice.titleDerived) return false;
  if (notice.paragraphs.some((p) => p.part === 'problems')) return false;
  const opening = notice.paragraphs.slice(0, INTRO_SEARCH).map((p) => p.text);
  if (opening.some((p) => matchesAny(SECTIONS.introEnd, p))) return false;
  const text = notice.paragraphs.map((p) => p.text).join('\n');
  return NEWS_SIGNS.some((re) => re.test(text));
}
