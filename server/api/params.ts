/** Query string → object for zod: a repeated key becomes an array, so a scalar schema rejects it. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { badParams } from './errors.ts';

export function queryObject(c: Context): Record<string, string | string[]> {
  const all = c.req.queries();
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(all)) out[k] = v.length === 1 ? v[0]! : v;
  return out;
}

export function parseQuery<S extends z.ZodTypeAny>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(queryObject(c));
  if (!parsed.success) throw badParams(parsed.error);
  return parsed.data;
}
