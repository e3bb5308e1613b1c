/**
 * Parts and roles as real notices lay them out: the leadership account under headings that
 * also say 整改落实情况, problems labelled 问题1：, a problem and its measures on one line,
 * and next steps and contacts after the last problem without a heading of their own.
 */
import { describe, expect, it } from 'vitest';
import { buildRecord } from '../../../indexer/build-record.ts';
import { paragraphDocs } from '../../../indexer/load/documents.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { realPages } from '../metadata/real-corpus.ts';

const page = (file: string) => realPages().find((p) => p.file === file)!.text;
const rows = (text: string) => parseNotice(text).paragraphs.map((p) => [p.part, p.role, p.text.slice(0, 10)]);

describe('real notices', () => {
  it('127: 一、组织整改落实情况 is the leadership account, 二、集中整改期内整改进展情况 the problems, 问题1： a problem', () => {
    expect(rows(page('127.txt'))).toEqual([
      ['front', 'title', '中共怀化市鹤城区委关'],
      ['front', 'text', '根据省委统一部署,2'],
      ['leadership', 'heading', '一、组织整改落实情况'],
      ['leadership', 'text', '鹤城区委坚持把巡视整'],
      ['leadership', 'text', '鹤城区委书记坚决扛牢'],
      ['problems', 'heading', '二、集中整改期内整改'],
      ['problems', 'problem', '(一)推进整改不主动'],
      ['problems', 'problem', '1.问题1:截至本轮'],
      ['problems', 'measure', '整改情况:上轮省委巡'],
    ]);
  });

  it.each(['104.txt', '105.txt', '106.txt', '107.txt', '111.txt', '128.txt', '132.txt'])(
    '%s: a first section about organising the rectification is not the problems part',
    (file) => {
      const parts = new Set(parseNotice(page(file)).paragraphs.map((p) => p.part));
      expect([...parts]).toEqual(['front', 'leadership']);
    },
  );
});

// A problem with its measures on one line, then the next steps and contacts without
// headings: the layout of county notices (wording from real ones).
const ONE_LINE = `中共某某县财政局党组关于县委巡察整改进展情况的通报
根据县委统一部署，县委第二巡察组对县财政局党组进行了巡察，并于2024年5月10日反馈了巡察意见。现将巡察整改进展情况予以公布。
一、巡察反馈问题整改落实情况
（一）落实全面从严治党不力方面
1.财务管理不规范，存在白条入账问题。整改情况：已对2023年以来的报销凭证逐笔核查，建立报销审核制度。
2.党费收缴不及时。整改措施：一是补缴党费2369元；二是建立党费收缴台账。
下一步，局党组将持续巩固整改成果，建立健全长效机制。
联系电话：0415-1234567`;

describe('headings about organising the rectification', () => {
  it('are the leadership part unless they state a shortcoming', () => {
    const n = parseNotice(
      [
        '中共某某县委关于巡察整改进展情况的通报',
        '现将巡察整改进展情况予以公布。',
        '一、组织整改落实情况',
        '县委高度重视。',
        '二、巡察反馈问题整改落实情况',
        '（一）巡察整改组织领导不力方面',
        '整改情况：成立整改工作领导小组。',
      ].join('\n'),
    );
    expect(n.paragraphs.slice(2).map((p) => [p.part, p.role])).toEqual([
      ['leadership', 'heading'],
      ['leadership', 'text'],
      ['problems', 'heading'],
      ['problems', 'problem'],
      ['problems', 'measure'],
    ]);
  });
});

describe('a problem and its measures on one line', () => {
  const notice = parseNotice(ONE_LINE);
  const [first, second] = notice.paragraphs.filter((p) => p.role === 'problem' && p.numbering?.style !== '（一）');

  it('keeps the statement as the problem and files what follows 整改情况： as its measures', () => {
    expect(first!.lead).toBe('1.财务管理不规范，存在白条入账问题。');
    expect(first!.items.map((i) => [i.label, i.text])).toEqual([['整改情况：', '已对2023年以来的报销凭证逐笔核查，建立报销审核制度。']]);
    expect(second!.lead).toBe('2.党费收缴不及时。');
    expect(second!.items.map((i) => i.label)).toEqual(['整改措施：', '一是', '二是']);
  });

  it('searches the statement with scope 问题 and the measures with scope 措施', () => {
    const record = buildRecord({ parsed: notice, text: ONE_LINE, textHash: 'x', sources: [], now: '2026-01-01T00:00:00Z' });
    const doc = paragraphDocs(record).find((d) => d.id === record.paragraphs[first!.seq]!.id)!;
    expect(doc.segments.map((s) => [s.role, s.text.slice(0, 8)])).toEqual([
      ['problem', '1.财务管理不规'],
      ['measure', '整改情况：已对2'],
    ]);
  });

  it('puts 下一步… and the contact line in their own parts, under no problem', () => {
    const [next, contact] = notice.paragraphs.slice(-2);
    expect([next!.part, next!.role, next!.headingPath]).toEqual(['nextSteps', 'text', []]);
    expect([contact!.part, contact!.headingPath]).toEqual(['closing', []]);
  });
});
