/** --key value / --key=value / --flag command-line options, typed by a small spec. */
export type ArgSpec = Record<string, 'string' | 'number' | 'boolean'>;

export function parseArgs(argv: string[], spec: ArgSpec): Record<string, string | number | boolean | undefined> {
  const out: Record<string, string | number | boolean | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    let [key, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const type = spec[key];
    if (!type) throw new Error(`unknown option --${key}`);
    if (type === 'boolean') { out[key] = value === undefined ? true : value !== 'false'; continue; }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new Error(`--${key} needs a value`);
    }
    if (type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, got ${value}`);
      out[key] = n;
    } else out[key] = value;
  }
  return out;
}
