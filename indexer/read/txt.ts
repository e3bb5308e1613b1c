/**
 * Plain text: detect the encoding (never assume one) and refuse binary data.
 *
 * Order of evidence:
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE);
 * 2. UTF-16 without BOM, recognised by NUL bytes on one parity only;
 * 3. a declared charset (HTML meta), checked against the bytes;
 * 4. strict UTF-8 (TextDecoder fatal) — valid UTF-8 with non-ASCII is almost never accidental;
 * 5. otherwise a Chinese legacy encoding: GB18030 (superset of GBK and GB2312) or Big5,
 *    chosen by how many frequent Chinese characters each decoding produces, with jschardet's
 *    guess as a hint (and as the answer for other encodings when it is confident).
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { fail, type Extracted, type ReadError } from './types.ts';

export type Decoded = {
  ok: true;
  text: string;
  /** WHATWG-style label of the encoding used: utf-8, utf-16le, utf-16be, gb18030, big5, … */
  encoding: string;
  /** How the encoding was established. */
  via: 'bom' | 'utf16-pattern' | 'declared' | 'valid-utf8' | 'ascii' | 'detected';
  warnings: string[];
};

export type DecodeOptions = {
  /** Charset declared by the container (HTML meta, HTTP header), if any. */
  declared?: string;
};

/** Canonical names for the labels found in the wild. */
export function canonicalEncoding(label: string): string | undefined {
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/gu, '');
  if (l === '') return undefined;
  if (/^(utf-?8|unicode-1-1-utf-8|x-unicode20utf8)$/u.test(l)) return 'utf-8';
  if (/^(gb2312|gb_2312(-80)?|gbk|x-gbk|gb18030|cp936|ms936|windows-936|euc-cn|csgb2312|chinese|iso-ir-58|x-euc-cn|hz-gb-2312)$/u.test(l))
    return 'gb18030';
  if (/^(big5|big5-hkscs|x-x-big5|cn-big5|csbig5|cp950|ms950|windows-950)$/u.test(l)) return 'big5';
  if (/^(utf-?16|utf-?16le|unicode|ucs-2|csunicode|iso-10646-ucs-2)$/u.test(l)) return 'utf-16le';
  if (/^utf-?16be$/u.test(l)) return 'utf-16be';
  if (/^(us-ascii|ascii|iso-8859-1|latin1|l1|iso8859-1|cp1252|windows-1252)$/u.test(l)) return 'windows-1252';
  return iconv.encodingExists(l) ? l : undefined;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Strict decode with the platform decoder; undefined when the bytes are invalid in that encoding. */
function strictDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function lenientDecode(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  } catch {
    return iconv.decode(asBuffer(bytes), encoding, { stripBOM: false });
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Byte-order mark: encoding and BOM length. */
export function detectBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM: NUL high bytes of ASCII characters fall on one parity.
 * Needs at least 2% of the code units to be ASCII, which any notice has (digits, newlines).
 */
export function detectUtf16Pattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 64 * 1024) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const units = n / 2;
  // The other parity has NULs too, less often: ideographs like 一 (U+4E00) have a zero low byte.
  if (odd >= units * 0.02 && even <= odd * 0.4) return 'utf-16le';
  if (even >= units * 0.02 && odd <= even * 0.4) return 'utf-16be';
  return undefined;
}

/** Bytes that never occur in text in an ASCII-compatible encoding (C0 controls except \t \n \v \f \r, ESC, SUB). */
function isControlByte(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a && b !== 0x1b) || b === 0x7f;
}

/** Share of control bytes in (a sample of) ASCII-compatible data; NUL counts as a control byte. */
export function controlByteRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 1024 * 1024);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) if (isControlByte(bytes[i]!)) bad++;
  return bad / n;
}

/** Characters that a wrong decoding produces: replacement, private use, C0/C1 controls. */
function badCharCount(text: string): number {
  let bad = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (
      cp === 0xfffd ||
      (cp >= 0xe000 && cp <= 0xf8ff) ||
      (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 11 && cp !== 12 && cp !== 13) ||
      (cp >= 0x7f && cp <= 0x9f)
    )
      bad++;
  }
  return bad;
}

// Frequent characters in Chinese official writing, simplified and traditional forms. A correct
// decoding (GB or Big5) yields many of them; decoding with the wrong one yields rare characters.
const FREQUENT = new Set(
  Array.from(
    '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严巡察整督落' +
      '國會這個為們來說時對學發經過後於與現動開關長問從當實還種點機體業義進區電無產應間樣將總則結員統報務處資計檢導黨團幹組織領設條規據質變歷認識權參價單傳項調書責議辦聯繫視覺觀線負門員縣鄉鎮財錢費',
  ),
);

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x3134f) || (cp >= 0xf900 && cp <= 0xfaff)
  );
}

/** Plausibility of a decoding as Chinese text: share of frequent characters minus a penalty for bad ones. */
export function chineseScore(text: string): number {
  let cjk = 0;
  let frequent = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    const cp = ch.codePointAt(0)!;
    if (isCjk(cp)) {
      cjk++;
      if (FREQUENT.has(ch)) frequent++;
    }
  }
  if (total === 0) return 0;
  return frequent / Math.max(1, cjk) - (10 * badCharCount(text)) / total;
}

function binaryFailure(detail: string): ReadError {
  return fail('binary', `文件不是文本，可能是二进制文件 (not a text file: ${detail})`);
}

/**
 * Decode bytes to a string, detecting the encoding. Fails with 'binary' when the bytes are not
 * text in any encoding we recognise. The BOM is not part of the returned text.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): Decoded | ReadError {
  const warnings: string[] = [];

  const bom = detectBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const strict = strictDecode(body, bom.encoding);
    if (strict !== undefined) return checkDecoded({ ok: true, text: strict, encoding: bom.encoding, via: 'bom', warnings });
    warnings.push(`文件含 ${bom.encoding} BOM 但内容有无效字节 (file has a ${bom.encoding} BOM but contains invalid byte sequences)`);
    return checkDecoded({ ok: true, text: lenientDecode(body, bom.encoding), encoding: bom.encoding, via: 'bom', warnings });
  }

  const utf16 = detectUtf16Pattern(bytes);
  if (utf16) {
    const even = bytes.subarray(0, bytes.length & ~1);
    const strict = strictDecode(even, utf16);
    if (strict !== undefined) {
      warnings.push(`按无 BOM 的 ${utf16.toUpperCase()} 解码 (decoded as ${utf16.toUpperCase()} without a byte-order mark)`);
      return checkDecoded({ ok: true, text: strict, encoding: utf16, via: 'utf16-pattern', warnings });
    }
  }

  // ASCII-compatible from here on: NULs and other control bytes mean binary data. Trailing NUL
  // padding (preallocated or badly truncated files) is tolerated.
  let data = bytes;
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  if (end < data.length && end > 0) {
    warnings.push(`已忽略文件末尾的 ${data.length - end} 个 NUL 字节 (ignored ${data.length - end} trailing NUL bytes)`);
    data = data.subarray(0, end);
  }
  if (end === 0) return binaryFailure('only NUL bytes');
  const ratio = controlByteRatio(data);
  if (ratio > 0.005) return binaryFailure(`${(ratio * 100).toFixed(1)}% control bytes`);

  const declared = options.declared ? canonicalEncoding(options.declared) : undefined;
  const utf8 = strictDecode(data, 'utf-8');
  const nonAscii = hasNonAscii(data);

  if (declared) {
    if (declared === 'utf-8') {
      if (utf8 !== undefined) return checkDecoded({ ok: true, text: utf8, encoding: 'utf-8', via: 'declared', warnings });
      warnings.push(
        '声明为 UTF-8 但内容不是有效的 UTF-8，已自动检测编码 (declared UTF-8 but the bytes are not valid UTF-8; encoding detected instead)',
      );
    } else if (utf8 !== undefined && nonAscii && declared !== 'utf-16le' && declared !== 'utf-16be') {
      // Pages re-saved as UTF-8 often keep their old <meta charset="gb2312">.
      warnings.push(
        `声明为 ${options.declared} 但内容是有效的 UTF-8，按 UTF-8 解码 (declared ${options.declared} but the bytes are valid UTF-8; decoded as UTF-8)`,
      );
      return checkDecoded({ ok: true, text: utf8, encoding: 'utf-8', via: 'valid-utf8', warnings });
    } else if (declared === 'windows-1252' && nonAscii) {
      // Latin-1 declarations on Chinese pages are template defaults: detect instead.
      warnings.push(
        `声明的编码 ${options.declared} 不可信，已自动检测编码 (declared ${options.declared} ignored; encoding detected instead)`,
      );
    } else if (declared !== 'utf-16le' && declared !== 'utf-16be') {
      const strict = strictDecode(data, declared);
      if (strict !== undefined || !nonAscii) {
        return checkDecoded({ ok: true, text: strict ?? lenientDecode(data, declared), encoding: declared, via: 'declared', warnings });
      }
      const text = lenientDecode(data, declared);
      warnings.push(`按声明的编码 ${options.declared} 解码时有无效字节 (invalid bytes for the declared encoding ${options.declared})`);
      return checkDecoded({ ok: true, text, encoding: declared, via: 'declared', warnings });
    }
  }

  if (utf8 !== undefined) {
    return checkDecoded({ ok: true, text: utf8, encoding: 'utf-8', via: nonAscii ? 'valid-utf8' : 'ascii', warnings });
  }

  // Legacy encodings. Score GB18030 and Big5 (and jschardet's guess) as Chinese text.
  const buf = asBuffer(data);
  const sample = buf.subarray(0, 256 * 1024);
  const guess = jschardet.detect(sample);
  const hint = guess.encoding ? canonicalEncoding(guess.encoding) : undefined;
  const candidates = new Set<string>(['gb18030', 'big5']);
  if (hint && hint !== 'utf-8') candidates.add(hint);
  let best = { encoding: 'gb18030', score: -Infinity };
  for (const encoding of candidates) {
    let score = chineseScore(lenientDecode(sample, encoding));
    if (encoding === hint) score += 0.02 * guess.confidence;
    if (encoding === 'gb18030') score += 0.01; // the common case wins ties
    if (score > best.score) best = { encoding, score };
  }
  // A confident non-Chinese guess (Shift_JIS, windows-1252, …) beats a poor Chinese reading.
  if (
    hint &&
    hint !== 'gb18030' &&
    hint !== 'big5' &&
    hint !== 'utf-8' &&
    best.encoding !== hint &&
    guess.confidence >= 0.9 &&
    best.score < 0.2
  ) {
    best = { encoding: hint, score: 0 };
  }
  const text = lenientDecode(data, best.encoding);
  if (best.encoding !== 'gb18030') {
    warnings.push(`编码检测为 ${best.encoding} (encoding detected as ${best.encoding})`);
  }
  const bad = badCharCount(text);
  if (bad > 0) warnings.push(`按 ${best.encoding} 解码时有 ${bad} 个无法识别的字符 (${bad} undecodable characters with ${best.encoding})`);
  return checkDecoded({ ok: true, text, encoding: best.encoding, via: 'detected', warnings });
}

/** Reject decodings that are mostly garbage: such "text" is binary data in disguise. */
function checkDecoded(decoded: Decoded): Decoded | ReadError {
  const { text } = decoded;
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (sample.length === 0) return decoded;
  const bad = badCharCount(sample);
  if (bad / sample.length > 0.05) {
    return binaryFailure(`${((bad / sample.length) * 100).toFixed(0)}% undecodable characters as ${decoded.encoding}`);
  }
  return decoded;
}

/** Read a .txt file. */
export function readTxt(bytes: Uint8Array): Extracted {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  return { ok: true, text: decoded.text, encoding: decoded.encoding, warnings: decoded.warnings };
}
