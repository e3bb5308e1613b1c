import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { htmlToText, sniffHtmlCharset } from '../../../indexer/read/html.ts';
import { readNotice } from '../../../indexer/read/read-file.ts';
import { articleBody, encodeGbk, governmentPage, paragraphs, sampleText, SAMPLE_000, SAMPLE_003 } from '../../support/notice-files.ts';

const count = (text: string, word: string) => text.split(word).length - 1;

/** Page furniture of governmentPage(): none of it may reach the text (beyond what the notice itself says). */
const NOISE = [
  '首页',
  '政务公开',
  '当前位置',
  '栏目导航',
  '本栏目发布',
  '发布时间',
  '浏览次数',
  '字号',
  '分享到',
  '打印本页',
  '关闭窗口',
  '上一篇',
  '下一篇',
  '主办单位',
  'ICP备',
  '广告脚本文字',
  '统计代码',
  '_hmt',
  'doZoom',
];

describe.each([SAMPLE_000, SAMPLE_003])('GBK government page with %s', (name) => {
  const original = sampleText(name).replace('[bookmark: _GoBack]', '');
  const lines = paragraphs(original);
  const title = `${lines[0]}${lines[1]}`;

  it('<meta charset="gbk">, body in #zoom .TRS_Editor: exact paragraphs, no noise', async () => {
    const html = governmentPage({ title, bodyHtml: articleBody(original), charset: 'gbk' });
    const result = await readNotice(encodeGbk(html), 'notice.html');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('html');
    expect(result.encoding).toBe('gb18030');
    expect(paragraphs(result.text)).toEqual(lines);
    for (const noise of NOISE) expect(count(result.text, noise), noise).toBe(count(original, noise));
    expect(result.warnings).toEqual([]);
  });

  it('http-equiv gb2312, <br> paragraphs, title only in <h1>: the title is put first', async () => {
    const body = articleBody(lines.slice(2).join('\n'), 'br');
    const html = governmentPage({ title, bodyHtml: body, charset: 'gb2312', metaStyle: 'http-equiv' });
    const result = await readNotice(encodeGbk(html), 'notice.htm');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.encoding).toBe('gb18030');
    expect(paragraphs(result.text)).toEqual([title, ...lines.slice(2)]);
    for (const noise of NOISE) expect(count(result.text, noise), noise).toBe(count(original, noise));
  });
});

describe('html charset', () => {
  it('finds the declared charset in meta charset, http-equiv and the XML declaration', () => {
    expect(sniffHtmlCharset(Buffer.from('<html><head><meta charset="GB2312"></head>'))).toBe('GB2312');
    expect(sniffHtmlCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gbk" />'))).toBe('gbk');
    expect(sniffHtmlCharset(Buffer.from('<?xml version="1.0" encoding="gb18030"?><html>'))).toBe('gb18030');
    expect(sniffHtmlCharset(Buffer.from('<html><body>无声明</body></html>'))).toBeUndefined();
  });

  it('reads a page re-saved as UTF-8 that still declares gb2312', async () => {
    const html =
      '<html><head><meta charset="gb2312"><title>通报</title></head><body><div class="content"><p>现将巡察整改情况予以公布。</p></div></body></html>';
    const result = await readNotice(Buffer.from(html, 'utf8'), 'a.html');
    expect(result.ok && result.encoding).toBe('utf-8');
    expect(result.ok && result.text).toBe('现将巡察整改情况予以公布。');
  });

  it('detects GBK when nothing is declared', async () => {
    const html =
      '<html><body><div id="content"><p>按照《中国共产党巡视工作条例》有关要求，现将巡察整改情况予以公布。</p></div></body></html>';
    const result = await readNotice(new Uint8Array(iconv.encode(html, 'gbk')), 'a.html');
    expect(result.ok && result.encoding).toBe('gb18030');
    expect(result.ok && result.text).toBe('按照《中国共产党巡视工作条例》有关要求，现将巡察整改情况予以公布。');
  });
});

describe('html article extraction', () => {
  it('finds the body without a known container (table layout): the block with most Chinese text', () => {
    const html = `<html><body>
      <table><tr><td class="menu"><a href="/">首页</a><br><a href="/a">机构设置</a><br><a href="/b">政务公开</a></td>
      <td><table><tr><td>
        <p>中共某县某局党组关于县委巡察整改进展情况的通报</p>
        <p>根据县委统一部署，县委第一巡察组对某局党组开展了常规巡察。</p>
        <p>一、关于党费收缴不规范的问题。一是补缴党费2369元；二是建立党费收缴台账。</p>
      </td></tr></table></td></tr></table>
      <div>版权所有：某县人民政府</div>
    </body></html>`;
    const { text, warnings } = htmlToText(html);
    expect(text).toBe(
      '中共某县某局党组关于县委巡察整改进展情况的通报\n根据县委统一部署，县委第一巡察组对某局党组开展了常规巡察。\n一、关于党费收缴不规范的问题。一是补缴党费2369元；二是建立党费收缴台账。',
    );
    expect(warnings).toEqual([]);
  });

  it('drops noise inside the container and decodes entities; line breaks in the source between Chinese characters vanish', () => {
    const html = `<html><body><div id="zoom">
      <div class="info">发布日期：2025-11-21 来源：县委巡察办</div>
      <p>&nbsp;&nbsp;&nbsp;&nbsp;开设【新春走基层】等专栏，“三重一大”&mdash;&mdash;决策&amp;监督&lt;制度&gt;，
      共计443,814.00元。</p>
      <div style="display:none">隐藏的重复正文</div>
      <p>　　一是整改；<br>二是落实。</p>
      <script>document.write('脚本')</script>
      <p class="print">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</p>
    </div></body></html>`;
    const { text } = htmlToText(html);
    expect(text).toBe('开设【新春走基层】等专栏，“三重一大”——决策&监督<制度>，共计443,814.00元。\n　　一是整改；\n二是落实。');
  });

  it('keeps a space where a source line break touches a Latin word (CSS segment-break rule)', () => {
    const { text } = htmlToText('<html><body><article><p>关于APP\nupdate\n管理</p></article></body></html>');
    expect(text).toBe('关于APP update 管理');
  });

  it('renders simple table rows as tab-separated lines, multi-paragraph cells as lines', () => {
    const html = `<html><body><div class="TRS_Editor"><p>整改台账如下：</p>
      <table border="1">
        <tr><th>序号</th><th> 问题 </th><th>整改情况</th></tr>
        <tr><td>1</td><td>党费收缴不规范</td><td>已完成</td></tr>
        <tr><td>2</td><td><p>公务用车管理不严</p></td><td><p>一是加装定位；</p><p>二是集中派车。</p></td></tr>
      </table></div></body></html>`;
    expect(htmlToText(html).text).toBe(
      '整改台账如下：\n序号\t问题\t整改情况\n1\t党费收缴不规范\t已完成\n2\n公务用车管理不严\n一是加装定位；\n二是集中派车。',
    );
  });

  it('cleans Word "save as web page" markup: conditional comments, o:p, st1 tags', () => {
    const html = `<html><body><div class="Custom_UnionStyle">
      <p class=MsoNormal align=center><b><span style='font-size:22.0pt'>关于巡察整改进展情况的通报<o:p></o:p></span></b></p>
      <!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
      <p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.</span><![endif]><span>根据<st1:chsdate Year="2024">2024年9月30日</st1:chsdate>统一部署。<o:p></o:p></span></p>
      <p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
      <p>&#12288;&#12288;二是落实。</p>
    </div></body></html>`;
    expect(htmlToText(html).text).toBe('关于巡察整改进展情况的通报\n1.根据2024年9月30日统一部署。\n\n　　二是落实。');
  });

  it('reports a page without any text as no-text', async () => {
    const result = await readNotice(
      Buffer.from('<!DOCTYPE html><html><head><script>var x="很多脚本文字";</script></head><body><img src="a.png"></body></html>'),
      'a.html',
    );
    expect(!result.ok && result.reason).toBe('no-text');
  });
});
