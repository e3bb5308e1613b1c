/**
 * The bench tools' options: node:util parseArgs (as every command line here), which refuses
 * unknown options and stray arguments, plus options that must be numbers, checked once here.
 */
import { parseArgs } from 'node:util';

export type ArgSpec = Record<string, 'string' | 'number' | 'boolean'>;

export function parseBenchArgs(argv: string[], spec: ArgSpec): Record<string, string | number | boolean | undefined> {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, type]) => [name, { type: type === 'boolean' ? ('boolean' as const) : ('string' as const) }]),
  );
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    if (spec[name] !== 'number') {
      out[name] = value;
      continue;
    }
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${JSON.stringify(value)}`);
    out[name] = n;
  }
  return out;
}
