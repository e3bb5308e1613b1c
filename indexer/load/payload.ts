/**
 * Request bodies for Meilisearch's document routes. Meilisearch refuses a body over its
 * payload limit (100 MB by default, `--http-payload-size-limit`), and one refused addition
 * used to stop a whole run after the archive already held its notices, so every later start
 * failed resending them. Documents are therefore sent in bodies of at most MAX_BODY_BYTES,
 * far above a usual batch (100 notices, about 20 MB) and far below the default limit; a
 * notice whose documents alone are larger is split across bodies.
 */
export const MAX_BODY_BYTES = 32 << 20;

/** One request body and its size in bytes (UTF-8). */
export type Body = { body: string; bytes: number };

/**
 * JSON array bodies holding these serialised JSON values, in order, each at most `max` bytes
 * unless one value alone is larger (it then goes alone, and Meilisearch decides). A value may
 * be several comma-joined documents (a notice's paragraphs); it is split into its documents
 * when it does not fit in a body of its own.
 */
export function jsonArrayBodies(values: Iterable<string>, max = MAX_BODY_BYTES): Body[] {
  const bodies: Body[] = [];
  let parts: string[] = [];
  let size = 2;
  const close = () => {
    if (parts.length) bodies.push({ body: `[${parts.join(',')}]`, bytes: size });
    parts = [];
    size = 2;
  };
  const add = (json: string, bytes: number) => {
    if (parts.length && size + 1 + bytes > max) close();
    parts.push(json);
    size += bytes + (parts.length > 1 ? 1 : 0);
  };
  for (const value of values) {
    if (!value) continue;
    const bytes = Buffer.byteLength(value);
    if (bytes + 2 <= max) {
      add(value, bytes);
      continue;
    }
    for (const doc of JSON.parse(`[${value}]`) as unknown[]) {
      const json = JSON.stringify(doc);
      add(json, Buffer.byteLength(json));
    }
  }
  close();
  return bodies;
}
