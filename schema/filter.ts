/**
 * Meilisearch filter expressions, built in one place. Every string value goes through
 * `quoteFilterValue`, so user input stays a literal: a unit named `x" OR year = 2020` filters
 * for that name. Numbers are written as numbers; anything else is refused by the types.
 * Expressions compose with `and` / `or`, which bracket their parts so precedence never
 * depends on how the parts were written.
 */

/** A finished filter expression (a string Meilisearch parses). */
export type FilterExpr = string & { readonly __filter: unique symbol };

/** A string value, quoted and escaped. */
export function quoteFilterValue(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

type Value = string | number;

function literal(v: Value): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`filter value must be a finite number: ${v}`);
    return String(v);
  }
  return quoteFilterValue(v);
}

/** Field names are ours (schema/indexes.ts), never user input; checked so a slip fails loudly. */
function field(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) throw new Error(`not a filterable field name: ${name}`);
  return name;
}

export function eq(name: string, value: Value): FilterExpr {
  return `${field(name)} = ${literal(value)}` as FilterExpr;
}

export function ne(name: string, value: Value): FilterExpr {
  return `${field(name)} != ${literal(value)}` as FilterExpr;
}

export function cmp(name: string, op: '<' | '<=' | '>' | '>=', value: number): FilterExpr {
  return `${field(name)} ${op} ${literal(value)}` as FilterExpr;
}

/** The field is absent: a notice whose text does not give it (year, unit). */
export function missing(name: string): FilterExpr {
  return `${field(name)} NOT EXISTS` as FilterExpr;
}

/** `field IN [a, b]`: any of the values (an empty list matches nothing). */
export function anyOf(name: string, values: readonly Value[]): FilterExpr {
  return `${field(name)} IN [${values.map(literal).join(', ')}]` as FilterExpr;
}

/** AND of the given expressions, undefined ones skipped; undefined when none is left. */
export function and(...parts: (FilterExpr | undefined)[]): FilterExpr | undefined {
  const kept = parts.filter((p): p is FilterExpr => p !== undefined);
  if (kept.length <= 1) return kept[0];
  return kept.map((p) => `(${p})`).join(' AND ') as FilterExpr;
}

/** OR of the given expressions, undefined ones skipped; undefined when none is left. */
export function or(...parts: (FilterExpr | undefined)[]): FilterExpr | undefined {
  const kept = parts.filter((p): p is FilterExpr => p !== undefined);
  if (kept.length <= 1) return kept[0];
  return `(${kept.map((p) => `(${p})`).join(' OR ')})` as FilterExpr;
}
