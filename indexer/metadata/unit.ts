/**
 * The issuing unit: as written (title before 关于, else the signature, else the unit the
 * introduction says was inspected) and normalised for faceting with lexicon/units.yaml.
 */
import { UNITS } from '../parse/lexicon.ts';
import { dateOnlyLine } from './dates.ts';

export type UnitNames = { unitAsWritten?: string; unit?: string };

const bySuffixLength = (a: string, b: string) => b.length - a.length;
const PARTY_PREFIXES = [...UNITS.partyPrefixes].sort(bySuffixLength);
const ORGAN_SUFFIXES = [...UNITS.partyOrganSuffixes].sort(bySuffixLength);
const UNIT_SUFFIXES = [...UNITS.unitSuffixes].sort(bySuffixLength);
const AREA_SUFFIXES = [...UNITS.areaSuffixesKeepingCommittee].sort(bySuffixLength);

/** Inspecting bodies named before 巡视/巡察 in a title: 十四届省委, 县委第二巡察组 … */
const INSPECTOR_AT_END =
  /(?:[十二三四五六七八九]+届)?(?:中央|省委|自治区党委|市委|州委|盟委|地委|县委|区委|旗委)(?:第[一二三四五六七八九十]+(?:轮|巡视组|巡察组))?$/;

const endsWithAny = (s: string, list: string[]) => list.some((x) => s.endsWith(x));

/** Looks like the name of a unit (or of an area, or of a party organ). */
export function looksLikeUnit(s: string): boolean {
  return (
    s.length >= 3 &&
    s.length <= 40 &&
    !/[。；;，,：:！？!?\d]/.test(s) &&
    (endsWithAny(s, UNIT_SUFFIXES) || endsWithAny(s, ORGAN_SUFFIXES) || endsWithAny(s, AREA_SUFFIXES))
  );
}

/** The unit in a title: the part before 关于, or before 巡视/巡察/整改 when there is no 关于. */
export function unitFromTitle(title: string): string | undefined {
  const about = title.indexOf('关于');
  if (about > 0) return title.slice(0, about).trim() || undefined;
  if (about === 0) return undefined;
  const m = /巡视|巡察|整改/.exec(title);
  if (!m || m.index === 0) return undefined;
  let unit = title.slice(0, m.index).trim();
  // "XX镇党委县委巡察整改…": drop the inspecting committee when a unit remains before it.
  const inspector = INSPECTOR_AT_END.exec(unit);
  if (inspector && inspector.index > 0) {
    const before = unit.slice(0, inspector.index);
    if (looksLikeUnit(before)) unit = before;
  }
  return looksLikeUnit(unit) ? unit : undefined;
}

/**
 * The signature: the first unit-like line of the closing lines, before the date line.
 * `closing` is the closing part of the notice, in order.
 */
export function unitFromSignature(closing: string[]): string | undefined {
  for (const p of closing) {
    if (dateOnlyLine(p)) continue;
    if (looksLikeUnit(p)) return p;
  }
  return undefined;
}

/** The unit the introduction says was inspected: "…巡察组对XX党组进行了巡察". */
export function unitFromIntroduction(intro: string): string | undefined {
  const m = /(?:巡视组|巡察组|巡视|巡察)[^。；，]{0,6}?对(.{2,40}?)(?:开展|进行)了?[^。；，]{0,8}?(?:巡视|巡察)/.exec(intro);
  const unit = m?.[1]?.trim();
  return unit && looksLikeUnit(unit) ? unit : undefined;
}

function stripPrefix(s: string): string {
  for (const p of PARTY_PREFIXES) if (s.startsWith(p) && s.length > p.length) return s.slice(p.length);
  return s;
}

/**
 * The unit for faceting: party prefix and organ suffix removed.
 * 中共丹东市融媒体中心委员会 → 丹东市融媒体中心, 中共XX县XX局党组 → XX县XX局,
 * XX乡党委 → XX乡, 中共XX县委员会 → XX县委. Unchanged when what remains is not a unit.
 */
export function normalizeUnit(asWritten: string): string {
  const name = stripPrefix(asWritten.replace(/\s+/g, ''));
  for (const suffix of ORGAN_SUFFIXES) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue;
    const rest = name.slice(0, -suffix.length);
    // A county, city or province committee keeps 委: it is not the same body as the area.
    if (suffix === '委员会' && endsWithAny(rest, AREA_SUFFIXES) && !endsWithAny(rest, UNIT_SUFFIXES)) return rest + '委';
    if (endsWithAny(rest, UNIT_SUFFIXES)) return rest;
    return name;
  }
  return name;
}

export function extractUnit(input: { title?: string; closing: string[]; intro: string }): UnitNames {
  const asWritten =
    (input.title ? unitFromTitle(input.title) : undefined) ?? unitFromSignature(input.closing) ?? unitFromIntroduction(input.intro);
  return asWritten ? { unitAsWritten: asWritten, unit: normalizeUnit(asWritten) } : {};
}
