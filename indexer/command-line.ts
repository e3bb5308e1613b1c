/**
 * The command lines of the indexer and the ops tools: parsed by node:util's parseArgs (unknown
 * options refused), and refused the same way everywhere — the reason in Chinese and English,
 * the usage, exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Exit code of a refused command line. */
export const USAGE_ERROR = 2;

/** The flags and file arguments, or undefined after printing why they were refused. */
export function parseCommandLine<const O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>({
      args: argv,
      allowPositionals: true,
      strict: true,
      options,
    });
  } catch (e) {
    console.error(`选项有误 (bad option): ${(e as Error).message}\n${usage}`);
    return undefined;
  }
}
