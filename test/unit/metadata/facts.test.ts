import { describe, expect, it } from 'vitest';
import { extractFacts, findCounts, findMoney } from '../../../indexer/metadata/facts.ts';

describe('findMoney', () => {
  it.each([
    ['补缴党费共计2369元', '2369元', 2369],
    ['筹措资金33.9万元', '33.9万元', 339000],
    ['应补发金额为443,814.00元', '443,814.00元', 443814],
    ['一次性奖金321,317.50元', '321,317.50元', 321317.5],
    ['已经化解工程欠款300万。', '300万', 3000000],
    ['安排专项资金1.2亿元', '1.2亿元', 120000000],
    ['收回资金10万余元', '10万余元', 100000],
    ['全角金额２３６９元', '２３６９元', 2369],
  ])('%s', (text, written, yuan) => expect(findMoney(text).map((m) => [m.text, m.yuan])).toEqual([[written, yuan]]));

  it('needs a money word before 万 without 元', () => {
    expect(findMoney('《丹东发布》微信公号粉丝45万+')).toEqual([]);
    expect(findMoney('抖音号总浏览量3600万。')).toEqual([]);
    expect(findMoney('全网点击量约2000万次')).toEqual([]);
  });
});

describe('findCounts', () => {
  const counts = (text: string) => findCounts(text).map((c) => [c.text, c.value, c.noun]);

  it('reads counts with the noun counted', () => {
    expect(counts('关闭新媒体账号16个，不断整合资源')).toEqual([['16个', 16, '新媒体账号']]);
    expect(counts('将16个媒体账号进行关停处理')).toEqual([['16个', 16, '媒体账号']]);
    expect(counts('先后招聘副高职称和朝鲜语、新媒体、广电技术等专业人才7人，不断加强队伍建设')).toEqual([['7人', 7, '专业人才']]);
    expect(counts('新成立党支部27个，6个党支部换届完成')).toEqual([
      ['27个', 27, '党支部'],
      ['6个', 6, '党支部'],
    ]);
    expect(counts('累计刊播相关报道460余篇（条）')).toEqual([['460余篇', 460, '篇']]);
    expect(counts('在央视频播放量达32.3万次')[0]?.slice(0, 2)).toEqual(['32.3万次', 323000]);
  });

  it('skips ordinals, durations, measures and words that start with a classifier', () => {
    expect(counts('荣获第34届辽宁新闻奖，纪念胜利80周年，3个月内完成，较整改前上升16个百分点，涉及3部门，建立2台账')).toEqual([]);
  });
});

describe('extractFacts', () => {
  it('lists facts in reading order, dates only with a known year', () => {
    expect(extractFacts('2025年，对每笔超过5000元的支出召开班子会研究；于6月24日组织演练；联系电话：0415-5189642。')).toEqual([
      { type: 'money', text: '5000元', yuan: 5000 },
      { type: 'date', text: '6月24日', date: '2025-06-24' },
      { type: 'phone', text: '0415-5189642' },
    ]);
    expect(extractFacts('于7月27日开业')).toEqual([]);
    expect(extractFacts('于7月27日开业', { year: 2025 })).toEqual([{ type: 'date', text: '7月27日', date: '2025-07-27' }]);
  });

  it('finds nothing in plain prose', () => {
    expect(extractFacts('加强民生类新闻栏目的统筹策划，多方位报道民生实事。')).toEqual([]);
  });
});
