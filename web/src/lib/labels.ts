/** Chinese names of the API's codes, in one place. */
import type { FilterField, SearchMode, SearchScope } from '../../../contract/api.ts';
import type { NoticeRecord } from '../../../contract/notice.ts';

export const MODE_LABEL: Record<SearchMode, string> = { words: '词语', exact: '精确' };
export const MODE_HINT: Record<SearchMode, string> = {
  words: '按词语检索，结果按相关度排序',
  exact: '按原文逐字匹配（数字、电话、词的一部分）',
};

export const SCOPE_LABEL: Record<SearchScope, string> = { all: '全部', problems: '问题', measures: '措施', meta: '标题单位' };

export const FIELD_LABEL: Record<FilterField, string> = {
  unit: '单位',
  region: '地区',
  category: '问题类别',
  year: '年份',
  level: '巡视巡察层级',
};

/** The API's query parameters, as the page names them (in its error messages). */
export const PARAM_LABEL: Record<string, string> = {
  ...FIELD_LABEL,
  q: '检索词',
  mode: '匹配方式',
  scope: '范围',
  page: '页码',
  perPage: '每页条数',
  sort: '排序',
  view: '视图',
  yearFrom: '起始年份',
  yearTo: '截止年份',
  id: '通报编号',
};

export const LEVEL_LABEL: Record<string, string> = { 中央: '中央巡视', 省: '省级巡视', 市: '市级巡察', 县: '县级巡察' };

const LEVEL_PREFIX: Record<string, string> = { 中央: '中央', 省: '省级', 市: '市级', 县: '县级' };

/**
 * The inspection as one phrase in the level's own word: 中央 and 省 巡视, 市 and 县 巡察
 * (省级常规巡视, 县级专项巡察, 市级巡察“回头看”), then the group and the round. Without a level,
 * the word comes from the group's name (县委第二巡察组), else 巡视巡察.
 */
export function inspectionLabel(insp: NoticeRecord['inspection']): string {
  return inspectionParts(insp).join(' · ');
}

/** inspectionLabel's parts (the group is the notice's own text, shown isolated). */
export function inspectionParts(insp: NoticeRecord['inspection']): string[] {
  const word =
    insp.level === '中央' || insp.level === '省'
      ? '巡视'
      : insp.level
        ? '巡察'
        : /巡视/.test(insp.group ?? '')
          ? '巡视'
          : /巡察/.test(insp.group ?? '')
            ? '巡察'
            : '巡视巡察';
  const prefix = insp.level ? LEVEL_PREFIX[insp.level] : '';
  const phrase =
    insp.kind === '回头看' ? `${prefix}${word}“回头看”` : insp.level || insp.kind ? `${prefix}${insp.kind ?? ''}${word}` : undefined;
  return [phrase, insp.group, insp.round && `第${insp.round}轮`].filter((p): p is string => !!p);
}

export const VIEW_LABEL = { paragraphs: '段落', notices: '通报', stats: '统计' } as const;

export const SORT_LABEL = { relevance: '按相关度', '-date': '按日期（新→旧）', date: '按日期（旧→新）' } as const;

export const PART_LABEL: Record<string, string> = {
  front: '开头',
  leadership: '领导班子履行主体责任情况',
  problems: '问题整改情况',
  nextSteps: '下一步工作打算',
  closing: '结尾',
};

export const ROLE_LABEL: Record<string, string> = { title: '标题', heading: '标题', problem: '问题', measure: '措施', text: '正文' };

/** A region facet value "辽宁省 > 丹东市" as people write a path: 辽宁省 › 丹东市. */
export function regionPathLabel(value: string): string {
  return value.split(/\s*>\s*/).join(' › ');
}

/** ISO date → 2025年11月21日. */
export function chineseDate(iso: string | undefined): string | undefined {
  // A feedback date may be a month only (2021-09: "2021年9月反馈了巡视情况").
  const m = iso && /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}` : iso;
}
