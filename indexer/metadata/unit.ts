/**
 * The issuing unit: as written (title before 关于, else the signature, else the unit the
 * introduction says was inspected) and normalised for faceting with lexicon/units.yaml.
 */
import { UNITS } from '../parse/lexicon.ts';
import { dateOnlyLine } from './dates.ts';
import { findPlaces, placesNamed } from './region.ts';

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

/** Development zones, whose party organ is a 党工委 (武汉经开区党工委), not an area's 委. */
const ZONE_NAME = new RegExp(`(?:${UNITS.zoneSuffixes.join('|')})$`);
/** 雄安新区 is a zone; 浦东新区, a district of the gazetteer, has a 区委. */
const isZone = (s: string) => ZONE_NAME.test(s) && !findPlaces(s, true).some((f) => f.index + f.name.length === s.length);

/**
 * The unit for faceting: party prefix and organ suffix removed, one name per organisation.
 * 中共丹东市融媒体中心委员会 → 丹东市融媒体中心, 中共XX县XX局党组 → XX县XX局,
 * XX乡党委 → XX乡, 中共XX县委员会 → XX县委. An area's party committee is named one way
 * whichever way it is written: 中共湖北省委, 湖北省委, 中共湖北省委员会 and the bare 湖北省
 * (the introduction's "对湖北省开展了巡视") are all 湖北省委; a zone's is its 党工委.
 * Unchanged when what remains is not a unit.
 */
export function normalizeUnit(asWritten: string): string {
  const name = stripPrefix(asWritten.replace(/\s+/g, ''));
  if (isZone(name)) return `${name}党工委`;
  for (const suffix of ORGAN_SUFFIXES) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue;
    const rest = name.slice(0, -suffix.length);
    if (isZone(rest)) return `${rest}党工委`;
    // A county, city or province committee keeps 委: it is not the same body as the area.
    if (isArea(rest)) return committeeOf(rest);
    if (endsWithAny(rest, UNIT_SUFFIXES)) return rest;
    return name;
  }
  if (isArea(name)) return committeeOf(name);
  // 中共广西壮族自治区委 is written as well as …自治区党委: the same committee.
  if (name.endsWith('委') && name.slice(0, -1).endsWith('自治区')) return committeeOf(name.slice(0, -1));
  return name;
}

/** A bare administrative area (not a unit inside one): 湖北省, 牧野区, 内蒙古自治区. */
function isArea(s: string): boolean {
  return s.length >= 2 && endsWithAny(s, AREA_SUFFIXES) && !endsWithAny(s, UNIT_SUFFIXES);
}

/** The name of an area's party committee: 湖北省委, 牧野区委, 内蒙古自治区党委. */
function committeeOf(area: string): string {
  return area.endsWith('自治区') ? `${area}党委` : `${area}委`;
}

/**
 * The canonical unit: normalizeUnit, and a district's committee named with its city when the
 * region says which (牧野区委 in 河南省 › 新乡市 → 新乡市牧野区委), since district names recur
 * from city to city (城中区, 向阳区) while units write them with or without the city.
 */
export function canonicalUnit(asWritten: string, region: readonly string[] = []): string {
  const unit = normalizeUnit(asWritten);
  const [, city, county] = region;
  if (!city || !county || city === county || !county.endsWith('区')) return unit;
  if (unit === `${county}委` && !unit.startsWith(city)) return `${city}${unit}`;
  return unit;
}

/** The unit the findings were handed to: "…巡视组向中共达州市通川区委反馈了巡视意见". */
export function unitFromFeedback(intro: string): string | undefined {
  const m = /向(.{2,40}?)(?:集中|全面|现场)?反馈了?(?:巡视|巡察)/.exec(intro);
  const unit = m?.[1]?.trim();
  return unit && !unit.startsWith('我') && looksLikeUnit(unit) ? unit : undefined;
}

/**
 * The area committee a notice means by 我区 / 我县 / 我市 ("省委第四巡视组…对我区进行了巡视"):
 * the first committee of a known area of that kind the text names (惠济区委贯彻落实…).
 */
export function unitFromSelfReference(intro: string, text: string): string | undefined {
  const self = /我(区|县|市|旗)/.exec(intro)?.[1];
  if (!self) return undefined;
  for (const m of text.matchAll(new RegExp(`(\\p{Script=Han}{1,8}?)${self}委`, 'gu'))) {
    const before = m[1]!;
    for (let k = before.length; k >= 2; k--) {
      const area = before.slice(-k) + self;
      if (placesNamed(area).some((p) => p.level !== 'province')) return `${area}委`;
    }
  }
  return undefined;
}

export function extractUnit(input: { title?: string; closing: string[]; intro: string; text?: string }): UnitNames {
  const asWritten =
    (input.title ? unitFromTitle(input.title) : undefined) ??
    unitFromSignature(input.closing) ??
    unitFromIntroduction(input.intro) ??
    unitFromFeedback(input.intro) ??
    unitFromSelfReference(input.intro, input.text ?? input.intro);
  return asWritten ? { unitAsWritten: asWritten, unit: normalizeUnit(asWritten) } : {};
}
