/**
 * Real places for synthetic units, from the gazetteer (lexicon/gazetteer.json, the same data the
 * parser resolves regions with) and its towns (towns.json, written beside it by
 * scripts/gazetteer.ts), and the expected region path of each. A place name that exists in
 * several places, or is short or generic, is written with its city (or province) before it,
 * as real units do (长春市朝阳区教育局), so the expected region is never a guess.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readGazetteer } from '../../indexer/metadata/region.ts';

export type ProvinceKind = 'province' | 'autonomous' | 'municipality';

export type Province = { name: string; kind: ProvinceKind; committee: string };
export type City = { name: string; province: Province; committee: string; region: string[]; prefix: string };
export type County = {
  name: string;
  province: Province;
  city?: City;
  /** How the county is named at the start of a unit name (with its city when needed). */
  prefix: string;
  region: string[];
  /** The committee that sends county-level inspection groups: 县委, 区委, 旗委, or 海城市委. */
  committee: string;
  towns: string[];
};

export type Gazetteer = { provinces: Province[]; cities: City[]; counties: County[]; aliases: Map<string, number> };

const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);
const GENERIC_COUNTY = /^(城区|矿区|郊区|东区|西区|南区|北区|新区|市中区|城中区|城关区)$/;

function autonomousShortName(name: string): string | undefined {
  const m = /^(.{2,}?)(?:[^族]{1,4}族)+自治(县|旗|州)$/.exec(name);
  return m ? `${m[1]}${m[2]}` : undefined;
}

function cityCommittee(name: string): string {
  if (name.endsWith('地区')) return '地委';
  if (name.endsWith('盟')) return '盟委';
  if (name.endsWith('州')) return '州委';
  return '市委';
}

function countyCommittee(name: string): string {
  if (name.endsWith('旗')) return '旗委';
  if (name.endsWith('区')) return '区委';
  if (name.endsWith('市')) return name + '委';
  return '县委';
}

let cached: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const pca = readGazetteer();
  const pcas = (
    JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'towns.json'), 'utf8')) as {
      towns: Record<string, Record<string, Record<string, string[]>>>;
    }
  ).towns;
  const aliases = new Map<string, number>();
  const alias = (n: string) => aliases.set(n, (aliases.get(n) ?? 0) + 1);
  for (const p of pca) {
    alias(p.name);
    for (const c of p.children ?? []) {
      if (!PLACEHOLDER_CITIES.has(c.name)) {
        alias(c.name);
        const s = autonomousShortName(c.name);
        if (s) alias(s);
      }
      for (const a of c.children ?? []) {
        if (/(镇|街道|乡)$/.test(a.name)) continue;
        alias(a.name);
        const s = autonomousShortName(a.name);
        if (s) alias(s);
      }
    }
  }
  const unique = (n: string) => aliases.get(n) === 1 && n.length >= 3 && !GENERIC_COUNTY.test(n);
  /** No place name inside (a town or department name must not move the region). */
  const placeFree = (s: string) => {
    for (let i = 0; i < s.length; i++)
      for (let len = 2; len <= 8 && i + len <= s.length; len++) if (aliases.has(s.slice(i, i + len))) return false;
    return true;
  };

  const provinces: Province[] = [];
  const cities: City[] = [];
  const counties: County[] = [];
  for (const p of pca) {
    const kind: ProvinceKind = MUNICIPALITIES.has(p.name) ? 'municipality' : p.name.endsWith('自治区') ? 'autonomous' : 'province';
    const province: Province = {
      name: p.name,
      kind,
      committee: kind === 'autonomous' ? '自治区党委' : kind === 'municipality' ? '市委' : '省委',
    };
    provinces.push(province);
    for (const c of p.children ?? []) {
      const placeholder = PLACEHOLDER_CITIES.has(c.name);
      const townsOnly = (c.children ?? []).every((a) => /(镇|街道|乡)$/.test(a.name));
      let city: City | undefined;
      if (!placeholder) {
        city = {
          name: c.name,
          province,
          committee: cityCommittee(c.name),
          region: [p.name, c.name],
          prefix: unique(c.name) ? c.name : p.name + c.name,
        };
        cities.push(city);
      }
      if (townsOnly) continue;
      const cityPath = placeholder ? (kind === 'municipality' ? [p.name, p.name] : [p.name]) : [p.name, c.name];
      for (const a of c.children ?? []) {
        if (/(镇|街道|乡)$/.test(a.name)) continue;
        // A county-level city is inspected by its own 市委 (海城市委): its name must be unambiguous.
        if (a.name.endsWith('市') && aliases.get(a.name) !== 1) continue;
        let prefix: string;
        if (unique(a.name)) prefix = a.name;
        else if (city) prefix = city.prefix + a.name;
        else if (a.name.length >= 3 && !GENERIC_COUNTY.test(a.name)) prefix = p.name + a.name;
        else continue;
        const towns = (pcas[p.name]?.[c.name]?.[a.name] ?? []).filter(
          (t) => /(镇|乡|街道)$/.test(t) && t.length >= 3 && t.length <= 6 && placeFree(t),
        );
        counties.push({ name: a.name, province, city, prefix, region: [...cityPath, a.name], committee: countyCommittee(a.name), towns });
      }
    }
  }
  cached = { provinces, cities, counties, aliases };
  return cached;
}

/** True when `s` contains no gazetteer name (checked once for the department lists). */
export function isPlaceFree(s: string): boolean {
  const { aliases } = gazetteer();
  for (let i = 0; i < s.length; i++)
    for (let len = 2; len <= 8 && i + len <= s.length; len++) if (aliases.has(s.slice(i, i + len))) return false;
  return true;
}

/** Short form for body text: 丹东市 → 丹东, 宽甸满族自治县 → 宽甸. */
export function shortName(name: string): string {
  const auto = /^(.{2,}?)(?:[^族]{1,4}族)+自治(县|旗|州|区)$/.exec(name);
  if (auto) return auto[1]!;
  const m = /^(.{2,}?)(市|县|区|旗|省|地区|盟|州)$/.exec(name);
  return m ? m[1]! : name;
}
