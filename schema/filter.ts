/** Meilisearch filter syntax: a string value, quoted and escaped, so user input stays a literal. */
export function quoteFilterValue(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
