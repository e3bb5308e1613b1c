/**
 * HTML article pages from government and party websites.
 *
 * 1. Charset: BOM, then <meta charset> / <meta http-equiv="Content-Type"> / <?xml encoding?>,
 *    checked against the bytes (pages re-saved as UTF-8 often keep a gb2312 meta), else detected.
 * 2. Article body: the first known CMS container (#zoom, .TRS_Editor, .Custom_UnionStyle, …)
 *    holding a fair share of the page's text; else the deepest block holding 80% of it.
 * 3. Noise inside the body is dropped: navigation, headers, footers, share buttons,
 *    breadcrumbs, "打印 / 关闭" links, "发布时间：… 来源：…" lines, hidden elements.
 * 4. Text: p, br, div, li, tr, headings … become line breaks, table cells of a row are
 *    separated by a tab; entities are decoded;
 *    HTML whitespace is collapsed (a source line break between two Chinese characters
 *    disappears, as in a browser).
 * 5. The article title, when it sits outside the body (h1, .title, meta ArticleTitle, <title>),
 *    is put in front as the first line unless the body already starts with it.
 */
import { parse, type HTMLElement, type Node } from 'node-html-parser';
import { decodeText } from './txt.ts';
import { fail, type Extracted } from './types.ts';

const ELEMENT = 1;
const TEXT = 3;

type El = HTMLElement;

function isElement(node: Node): node is El {
  return node.nodeType === ELEMENT;
}

/** Elements whose content is never article text. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'button',
  'input',
  'select',
  'option',
  'optgroup',
  'textarea',
  'map',
  'area',
  'audio',
  'video',
  'source',
  'track',
  'img',
  'picture',
  'datalist',
  'dialog',
]);

/** Elements that start a new line. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'blockquote',
  'pre',
  'hr',
  'address',
  'figure',
  'figcaption',
  'center',
  'form',
  'fieldset',
  'legend',
  'details',
  'summary',
  'body',
  'html',
  'menu',
]);

/** Structural elements that are noise wherever they are (unless they hold the article). */
const NOISE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'menu']);

/**
 * Known article containers, best first. Matched against id and class names, case-insensitively.
 * The specific CMS names come before generic ones like "content", which is often a page wrapper.
 */
const CONTAINERS: { id?: RegExp; cls?: RegExp }[] = [
  { id: /^zoom$/i, cls: /^zoom$/i },
  { cls: /^TRS_(Editor|UEDITOR|PreAppend)$/i },
  { id: /^UCAP-CONTENT$/i },
  { cls: /^Custom_UnionStyle$/i },
  { id: /^(vsb_content(_\d+)?|fontzoom|font_?zoom|zoomcon|zoomfont)$/i, cls: /^(v_news_content|fontzoom)$/i },
  {
    id: /^(article[-_]?content|articleBody|news[-_]?content|detail[-_]?content|content[-_]?text|text[-_]?content|zwnr|zw)$/i,
    cls: /^(article[-_]?content|articleBody|news[-_]?content|pages[-_]?content|detail[-_]?content|content[-_]?text|text[-_]?content|xxgk[-_]?content|zwnr|zw|wzy|bt[-_]?content|article[-_]?body|main[-_]?text|news[-_]?text|art[-_]?con|con[-_]?text)$/i,
  },
  {
    id: /^(article|content|contents|mainContent|main[-_]?content)$/i,
    cls: /^(article|content|contents|main[-_]?content|detail|news[-_]?detail|view)$/i,
  },
];

/** id/class fragments of page furniture. */
const NOISE_NAME =
  /share|jiathis|bdshare|fenxiang|breadcrumb|crumb|position|location|dqwz|(^|[-_ ])nav|menu|footer|(^|[-_ ])foot|header|toolbar|tools?[-_]?bar|print|close|sidebar|side[-_]?bar|related|xgwz|xglj|comment|qrcode|ewm|erweima|weixin|wechat|fontsize|font[-_]?size|zihao|(^|[-_ ])(prev|next)|pager|pagination|page[-_]?nav|backtop|back[-_]?to[-_]?top|gotop|go[-_]?top|(^|[-_ ])(sxp|sxy)($|[-_ ])|copyright|banquan/i;

/** Words of page links and buttons: an element whose text is only these (and brackets) is noise. */
const NOISE_WORDS =
  /打印(本页|此页|文章|正文)?|关闭(窗口|本页|此页)?|返回(顶部|首页|列表|上一页)?|回到顶部|收藏(本页|文章)?|加入收藏|设为首页|分享(到|至)?|保存(本页)?|我要纠错|纠错|默认|[大中小]|A\+|A-|top/giu;

function isNoiseText(text: string): boolean {
  if (text === '' || text.length > 30) return false;
  return text.replace(NOISE_WORDS, '').replace(/[\s【】[\]［］()（）|｜:：·•/]+/gu, '') === '';
}

/** Short elements starting like page furniture: breadcrumbs, share bars, font-size switches, prev/next. */
const NOISE_START =
  /^\s*[【[]?\s*(当前位置|您的位置|你的位置|所在位置|您现在的位置|你现在的位置|分享到|分享至|字体|字号|上一篇|下一篇|上一条|下一条|相关(链接|文章|阅读|新闻)|扫一扫|扫码|用手机扫|微信扫)/u;

/** Tokens of the metadata line under the title: 发布时间：… 来源：… 浏览次数：… */
const META_TOKENS =
  /(发布(时间|日期)|发文日期|成文日期|信息来源|来源|作者|编辑|责任编辑|浏览(次数|量)?|点击(数|率|量)?|阅读(数|量|次数)|访问(量|次数)|字号|字体)\s*[:：]/gu;

function attr(el: El, name: string): string {
  return el.getAttribute(name) ?? '';
}

function tag(el: El): string {
  return (el.rawTagName ?? '').toLowerCase();
}

function classes(el: El): string[] {
  return attr(el, 'class').split(/\s+/u).filter(Boolean);
}

function isCjkChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3134f) || (cp >= 0xf900 && cp <= 0xfaff)
  );
}

function countCjk(text: string): number {
  let n = 0;
  for (const ch of text) if (isCjkChar(ch.codePointAt(0)!)) n++;
  return n;
}

/** Chinese characters outside links, counted per element (memoised per pass). */
class TextStats {
  private readonly cache = new Map<El, number>();
  plain(el: El): number {
    const hit = this.cache.get(el);
    if (hit !== undefined) return hit;
    let n = 0;
    for (const child of el.childNodes) {
      if (child.nodeType === TEXT) n += countCjk(child.text);
      else if (isElement(child) && !SKIP_TAGS.has(tag(child)) && tag(child) !== 'a') n += this.plain(child);
    }
    this.cache.set(el, n);
    return n;
  }
}

function isHidden(el: El): boolean {
  const style = attr(el, 'style').toLowerCase().replace(/\s+/gu, '');
  return (
    style.includes('display:none') || style.includes('visibility:hidden') || el.hasAttribute('hidden') || attr(el, 'aria-hidden') === 'true'
  );
}

function elements(root: El): El[] {
  const out: El[] = [];
  const visit = (el: El) => {
    for (const child of el.childNodes) {
      if (isElement(child)) {
        out.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return out;
}

/** Remove elements that never carry text (scripts, styles, forms controls …) from the whole tree. */
function dropSkipped(root: El): void {
  for (const el of elements(root)) if (SKIP_TAGS.has(tag(el)) && tag(el) !== 'head' && tag(el) !== 'title') el.remove();
}

/** Find the element holding the article body. */
function findContainer(body: El): El {
  const stats = new TextStats();
  const total = stats.plain(body);
  let best: { el: El; rank: number } | undefined;
  for (const el of elements(body)) {
    if (isHidden(el)) continue;
    const id = attr(el, 'id');
    const cls = classes(el);
    const rank = CONTAINERS.findIndex((c) => c.id?.test(id) || (c.cls !== undefined && cls.some((name) => c.cls!.test(name))));
    if (rank < 0) continue;
    if (best && best.rank <= rank) continue;
    const own = stats.plain(el);
    if (own >= 20 && own >= total * 0.3) best = { el, rank };
  }
  if (best) return best.el;

  // Fallback: descend into the child holding 80% of the text while there is one.
  const DESCEND = new Set([
    'div',
    'section',
    'article',
    'main',
    'td',
    'th',
    'table',
    'tbody',
    'thead',
    'tr',
    'form',
    'center',
    'body',
    'html',
    'font',
    'span',
  ]);
  let current = body;
  for (;;) {
    const here = stats.plain(current);
    if (here === 0) return current;
    const next = current.childNodes.find(
      (child): child is El => isElement(child) && DESCEND.has(tag(child)) && stats.plain(child) >= here * 0.8,
    );
    if (!next) return current;
    current = next;
  }
}

/** Drop page furniture inside the article container. */
function dropNoise(container: El): void {
  const stats = new TextStats();
  const total = stats.plain(container);
  // Never remove something holding a real part of the article.
  const small = (el: El) => stats.plain(el) < Math.max(40, total * 0.25);
  // Text length per element, memoised, so that only short elements have their text built.
  const lengths = new Map<El, number>();
  const textLength = (el: El): number => {
    let n = lengths.get(el);
    if (n !== undefined) return n;
    n = 0;
    for (const child of el.childNodes) n += isElement(child) ? textLength(child) : child.nodeType === TEXT ? child.rawText.length : 0;
    lengths.set(el, n);
    return n;
  };
  for (const el of elements(container)) {
    const t = tag(el);
    const names = `${attr(el, 'id')} ${attr(el, 'class')}`.trim();
    // Raw length bounds the decoded length from above (entities only shrink).
    const text = textLength(el) <= 400 ? el.text.replace(/\s+/gu, ' ').trim() : '\u0000'.repeat(400);
    let noise = false;
    if (isHidden(el)) noise = true;
    else if (NOISE_TAGS.has(t) && small(el)) noise = true;
    else if (names !== '' && NOISE_NAME.test(names) && small(el)) noise = true;
    else if (isNoiseText(text) && (t === 'a' || countCjk(text) >= 2)) noise = true;
    else if (text.length <= 120 && NOISE_START.test(text)) noise = true;
    else if (text.length <= 160) {
      const kinds = new Set(Array.from(text.matchAll(META_TOKENS), (m) => m[1]));
      if (kinds.size >= 2) noise = true;
    }
    if (t === 'a') {
      const href = attr(el, 'href').trim().toLowerCase();
      if (href.startsWith('javascript:') && text.length <= 10) noise = true;
    }
    if (noise) el.remove();
  }
}

/** Segment break marker: HTML whitespace that contained a line break. */
const SEGMENT_BREAK = '\u0001';

/**
 * Render an element tree to text: blocks and <br> become line breaks. A table row whose cells
 * are single lines becomes one line with the cells separated by tabs; a row with multi-paragraph
 * cells becomes the cells' lines one after the other.
 */
export function renderText(root: El, options: { preserveWhitespace?: boolean } = {}): string {
  // Chunks plus the last character written: testing the end of one growing string would
  // flatten it on every test (quadratic on large pages).
  let chunks: string[] = [];
  let last = '';
  const write = (s: string) => {
    if (s === '') return;
    chunks.push(s);
    last = s[s.length - 1]!;
  };
  const atLineStart = () => chunks.length === 0 || last === '\n';
  const softBreak = () => {
    if (!atLineStart()) write('\n');
  };
  const renderApart = (nodes: Node[], pre: boolean): string => {
    const saved = { chunks, last };
    chunks = [];
    last = '';
    for (const node of nodes) visit(node, pre);
    const rendered = chunks.join('');
    ({ chunks, last } = saved);
    return rendered.replace(/^[\s\u0001]+|[\s\u0001]+$/gu, '');
  };
  const visit = (node: Node, pre: boolean): void => {
    if (node.nodeType === TEXT) {
      const text = node.text;
      if (pre) write(text);
      else {
        let collapsed = text.replace(/[ \t\n\r\f]+/gu, (ws) => (/[\n\r]/u.test(ws) ? SEGMENT_BREAK : ' '));
        // Whitespace at the start of a line is markup indentation: it does not render.
        if (atLineStart()) collapsed = collapsed.replace(/^[ \u0001]+/u, '');
        write(collapsed);
      }
      return;
    }
    if (!isElement(node)) return;
    const t = tag(node);
    if (SKIP_TAGS.has(t)) return;
    if (t === 'br') {
      write('\n');
      return;
    }
    const childPre = pre || t === 'pre' || t === 'textarea';
    if (t === 'tr') {
      const cells = node.childNodes.filter((c): c is El => isElement(c) && (tag(c) === 'td' || tag(c) === 'th'));
      const texts = cells.map((cell) => renderApart(cell.childNodes, childPre));
      softBreak();
      if (texts.every((cell) => !cell.includes('\n'))) write(texts.join('\t'));
      else {
        for (const cell of texts) {
          softBreak();
          write(cell);
        }
      }
      softBreak();
      return;
    }
    const block = BLOCK_TAGS.has(t);
    if (block) softBreak();
    for (const child of node.childNodes) visit(child, childPre);
    if (block) softBreak();
  };
  visit(root, options.preserveWhitespace ?? false);
  const out = chunks.join('');
  if (options.preserveWhitespace) return out.replace(/\u00A0/gu, ' ');
  return out
    .split('\n')
    .map((line) => collapseLine(line))
    .join('\n');
}

function isWide(ch: string | undefined): boolean {
  if (ch === undefined) return true;
  const cp = ch.codePointAt(0)!;
  return isCjkChar(cp) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x2010 && cp <= 0x2027);
}

/** HTML whitespace collapsing for one rendered line. */
function collapseLine(line: string): string {
  // Runs of collapsible whitespace become one space, or one segment break if they had a newline.
  const s = line
    .replace(/[ \u0001]*\t[ \u0001]*/gu, '\t')
    .replace(/[ \u0001]+/gu, (run) => (run.includes(SEGMENT_BREAK) ? SEGMENT_BREAK : ' '));
  // A segment break between two wide (Chinese) characters disappears; elsewhere it is a space.
  const joined = s.replace(/\u0001/gu, (_m, offset: number) => {
    const before = Array.from(s.slice(Math.max(0, offset - 2), offset)).pop();
    const after = s.codePointAt(offset + 1);
    const next = after === undefined ? undefined : String.fromCodePoint(after);
    return isWide(before) && isWide(next) ? '' : ' ';
  });
  // Leading and trailing spaces are layout; ideographic spaces at the start are indentation as published.
  return joined
    .replace(/\u00A0/gu, ' ')
    .replace(/^[ \t]+/u, '')
    .replace(/\s+$/u, '');
}

/** Drop lines that are nothing but leftover brackets and separators of removed links, e.g. 【】【】. */
function dropDebrisLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^[\s【】[\]［］()（）|｜·•>＞»/\\-]+$/u.test(line) || line.trim() === '')
    .join('\n');
}

function normalizeForCompare(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/(…|\.\.\.)+$/u, '');
}

const TITLE_NAME =
  /^(title|tit|bt|h1|article[-_]?title|art[-_]?title|news[-_]?title|detail[-_]?title|content[-_]?title|con[-_]?title|xl[-_]?title|zw[-_]?title|wz[-_]?title|pages[-_]?title|main[-_]?title|sp_title|doc[-_]?title|ArticleTitle|headline)$/i;

/** The article title as the page shows it, when one can be found. */
export function findTitle(root: El): string | undefined {
  const clean = (s: string | undefined) => (s ?? '').replace(/\s+/gu, ' ').trim();
  const pageTitle = clean(root.querySelector('title')?.text);
  const candidates: string[] = [];
  for (const meta of root.querySelectorAll('meta')) {
    const name = (meta.getAttribute('name') ?? '').toLowerCase();
    if (name === 'articletitle' || name === 'dc.title') candidates.push(clean(meta.getAttribute('content')));
  }
  for (const el of elements(root)) {
    const t = tag(el);
    if (t === 'h1' || t === 'h2' || classes(el).some((c) => TITLE_NAME.test(c)) || TITLE_NAME.test(attr(el, 'id'))) {
      candidates.push(clean(el.text));
    }
  }
  const longest = (list: string[]) =>
    list.reduce<string | undefined>((a, b) => (a === undefined || b.length > a.length ? b : a), undefined);
  const plausible = candidates.filter((c) => countCjk(c) >= 6 && c.length <= 150);
  const inPageTitle = longest(plausible.filter((c) => pageTitle !== '' && normalizeForCompare(pageTitle).includes(normalizeForCompare(c))));
  if (inPageTitle) return inPageTitle;
  const noticeLike = longest(plausible.filter((c) => /通报|整改|巡视|巡察/u.test(c)));
  if (noticeLike) return noticeLike;
  if (pageTitle !== '') {
    // "标题_网站名" or "网站名 - 标题": the part that looks like a notice, else the longest.
    const parts = pageTitle
      .split(/\s*[_|｜]\s*|\s+[-—–]+\s+/u)
      .map((p) => p.trim())
      .filter((p) => countCjk(p) >= 6);
    const notice = parts.find((p) => /通报|整改|巡视|巡察/u.test(p));
    if (notice) return notice;
  }
  return undefined;
}

/** The declared charset in the first bytes of an HTML document (meta charset, http-equiv, xml declaration). */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/iu.exec(head);
  if (meta?.[1]) return meta[1];
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_:.-]+)["']/iu.exec(head);
  if (xml?.[1]) return xml[1];
  return undefined;
}

export type HtmlToTextOptions = {
  /** Put the page title in front of the body when the body does not start with it (default true). */
  includeTitle?: boolean;
};

/** Article text of an HTML document given as a string. */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  // Word's "downlevel-revealed" conditional comments: the markers go, their content stays.
  const source = html.replace(/<!\[(?:if\b[^\]]*|endif)\]>/giu, '');
  const root = parse(source, {
    comment: false,
    lowerCaseTagName: false,
    blockTextElements: { script: false, noscript: false, style: false, pre: true },
  });
  const title = options.includeTitle === false ? undefined : findTitle(root);
  dropSkipped(root);
  const body = root.querySelector('body') ?? root;
  const container = findContainer(body);
  if (container === body)
    warnings.push('未找到正文容器，已提取整个页面的文字 (no article container found; text of the whole page extracted)');
  dropNoise(container);
  let text = dropDebrisLines(renderText(container))
    .replace(/\n{3,}/gu, '\n\n')
    .replace(/^\n+|\n+$/gu, '');
  if (title) {
    const start = normalizeForCompare(text.slice(0, Math.max(400, title.length * 3)));
    if (!start.includes(normalizeForCompare(title))) text = `${title}\n${text}`;
  }
  return { text, warnings };
}

/** Read an .html file: decode with the declared or detected charset, then extract the article text. */
export function readHtml(bytes: Uint8Array): Extracted {
  const declared = sniffHtmlCharset(bytes);
  const decoded = decodeText(bytes, declared ? { declared } : {});
  if (!decoded.ok) return decoded;
  const { text, warnings } = htmlToText(decoded.text);
  if (countCjk(text) === 0 && !/\p{L}/u.test(text)) {
    return fail('no-text', '网页中没有找到正文文字 (no article text found in the HTML page)');
  }
  return { ok: true, text, encoding: decoded.encoding, warnings: [...decoded.warnings, ...warnings] };
}
