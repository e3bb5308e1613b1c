/**
 * The title of a notice: 《XX关于巡察整改进展情况的通报》 and its many variants, often
 * broken over two or three lines ("…关于县委巡察" / "整改进展情况的通报").
 */

/** How far into the text a title may start (web pages put a line or two of debris before it). */
const MAX_TITLE_START = 6;
/** A title is at most this many lines. */
const MAX_TITLE_LINES = 3;
const MAX_LINE_LENGTH = 60;

/** The genre: a title speaks of 巡视/巡察/整改 … */
const TITLE_TOPIC = /巡视|巡察|整改/;
/** … and ends like a notice title, possibly with a bracketed qualifier (第一批). */
const TITLE_END = /(通报|情况|报告|公告|公示|说明|公开)\s*(?:[（(][^（）()]{1,20}[）)])?$/;
/**
 * A title ending in 情况 (without 的通报) must contain 关于: a bare 巡察整改落实情况 is a
 * section heading of a notice whose title is missing.
 */
const ENDS_WITH_QINGKUANG = /情况\s*(?:[（(][^（）()]{1,20}[）)])?$/;
/** Lines that cannot be part of a title: sentences, labelled fields, dates, numbered headings. */
const NOT_TITLE_LINE =
  /[。；;！？!?：:]|^(根据|按照|依据|为|近日|日前|来源|发布|作者|时间|当前位置|首页)|^\d{4}[年.\-/]|^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]/;

export type TitleSpan = {
  /** The title, lines joined without separator, outer 《》 removed. */
  text: string;
  /** Paragraph indexes [start, end) holding the title. */
  start: number;
  end: number;
};

function titleLine(p: string | undefined): p is string {
  return p !== undefined && p.length <= MAX_LINE_LENGTH && !NOT_TITLE_LINE.test(p);
}

/** The title among the first paragraphs, or undefined when none looks like one. */
export function findTitle(paragraphs: string[]): TitleSpan | undefined {
  for (let start = 0; start < Math.min(MAX_TITLE_START, paragraphs.length); start++) {
    let text = '';
    for (let end = start; end < Math.min(start + MAX_TITLE_LINES, paragraphs.length); end++) {
      const line = paragraphs[end];
      if (!titleLine(line)) break;
      text += line;
      // Spaces between characters are layout debris (centred titles in HTML and PDF).
      const bare = text
        .replace(/^《(.*)》$/, '$1')
        .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '')
        .trim();
      if (TITLE_TOPIC.test(bare) && TITLE_END.test(bare) && (!ENDS_WITH_QINGKUANG.test(bare) || bare.includes('关于'))) {
        return { text: bare, start, end: end + 1 };
      }
    }
  }
  return undefined;
}

/** Says that a title was built by the indexer, not written by the unit. */
export const DERIVED_TITLE_MARK = '（据正文拟）';

/**
 * A display title for a notice whose text has none (web pages often start at the lead):
 * built from what the text says — the unit, the inspecting committee and the formula
 * 现将巡视整改进展情况予以公布 — and marked with DERIVED_TITLE_MARK, e.g.
 * 新乡市牧野区委关于省委巡视整改情况的通报（据正文拟）.
 */
export function deriveTitle(known: { unit?: string; unitAsWritten?: string; group?: string; intro: string }): string {
  const { unit, unitAsWritten, group, intro } = known;
  // A bare area written as the inspected unit (对牧野区开展了巡视) is named by its committee.
  const name = unitAsWritten && unit?.endsWith('委') && !/委$/.test(unitAsWritten) ? unit : (unitAsWritten ?? unit ?? '');
  const formula = /现将(?:我[局区县市委校院])?(?:有关|相关)?(.{2,24}?整改.{0,8}?情况)(?:予以|向社会)?(?:公布|通报|公开|报告)/.exec(
    intro,
  )?.[1];
  const word = /巡视/.test(intro) ? '巡视' : '巡察';
  const subject = formula ?? `${word}整改情况`;
  const committee = /^(?:[十二三四五六七八九]+届)?(中央|省委|自治区党委|市委|州委|盟委|地委|县委|区委|旗委|党委|党组|党工委)/.exec(
    group ?? '',
  )?.[1];
  const by = committee && !subject.startsWith(committee) && /^(巡视|巡察)/.test(subject) ? committee : '';
  return `${name}关于${by}${subject}的通报${DERIVED_TITLE_MARK}`;
}
