/**
 * Which version of the index settings and document schema (SCHEMA_VERSION, schema/indexes.ts)
 * the data in Meilisearch was written with, so a portal started on data of another version
 * rebuilds the index from the archive instead of serving wrong results.
 *
 * The version is kept in two places:
 *   - Meilisearch: document "schema" of the index "portal-meta" (it travels with the index:
 *     dumps, snapshots, an external Meilisearch);
 *   - the archive: DATA_DIR/archive/index-version.json (written when the archive is created,
 *     so an index built by `npm run index` before the portal ever ran is known to be current).
 * The Meilisearch marker wins when both exist. A rebuild clears both first (`rebuilding`) and
 * writes them when it has finished, so an interrupted rebuild is redone at the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isNotFound } from './client.ts';
import type { IndexStore } from './index-store.ts';
import { NOTICES_INDEX, SCHEMA_VERSION } from '../schema/indexes.ts';

export { SCHEMA_VERSION };
export const META_INDEX = 'portal-meta';
const MARKER_ID = 'schema';

export type SchemaMarker = { schemaVersion: number | null; writtenAt: string; rebuilding?: boolean };

export function archiveMarkerFile(dataDir: string): string {
  return path.join(dataDir, 'archive', 'index-version.json');
}

export function readArchiveMarker(dataDir: string): SchemaMarker | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(archiveMarkerFile(dataDir), 'utf8')) as SchemaMarker;
    return typeof m === 'object' && m && 'schemaVersion' in m ? m : undefined;
  } catch {
    return undefined;
  }
}

export function writeArchiveMarker(dataDir: string, marker: SchemaMarker): void {
  const file = archiveMarkerFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, JSON.stringify(marker) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export async function readMeiliMarker(store: IndexStore): Promise<SchemaMarker | undefined> {
  try {
    const doc = await store.getDocument<SchemaMarker & { id: string }>(META_INDEX, MARKER_ID);
    return { schemaVersion: doc.schemaVersion ?? null, writtenAt: doc.writtenAt, ...(doc.rebuilding ? { rebuilding: true } : {}) };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

export async function writeMeiliMarker(store: IndexStore, marker: SchemaMarker): Promise<void> {
  await store.ensureIndex(META_INDEX);
  await store.waitForTask(await store.addDocuments(META_INDEX, [{ id: MARKER_ID, ...marker }]));
}

/** Records that the index now holds data of `version` (after a complete build). */
export async function writeSchemaVersion(store: IndexStore, dataDir: string, version: number = SCHEMA_VERSION): Promise<void> {
  const marker: SchemaMarker = { schemaVersion: version, writtenAt: new Date().toISOString() };
  await writeMeiliMarker(store, marker);
  writeArchiveMarker(dataDir, marker);
}

/** Before a rebuild: until it has finished, the index is of no version. */
export async function markRebuilding(store: IndexStore, dataDir: string): Promise<void> {
  const marker: SchemaMarker = { schemaVersion: null, writtenAt: new Date().toISOString(), rebuilding: true };
  writeArchiveMarker(dataDir, marker);
  await writeMeiliMarker(store, marker);
}

export type SchemaCheck =
  | { rebuild: false; version: number; indexed: number }
  | { rebuild: true; reason: string; found: number | null | undefined; indexed: number };

/**
 * Is the index usable by this version? `archived` is the number of notices in the archive.
 * Rebuild when: an earlier rebuild did not finish; the index is empty while the archive is
 * not (index lost or never built); the index holds data but no version says what it is; or
 * the version differs from SCHEMA_VERSION. When the index is usable and a marker is missing
 * (first start after `npm run index`), the markers are written.
 */
export async function checkIndexSchema(store: IndexStore, dataDir: string, archived: number): Promise<SchemaCheck> {
  const inMeili = await readMeiliMarker(store);
  const inArchive = readArchiveMarker(dataDir);
  const marker = inMeili ?? inArchive;
  const indexed = await store.documentCount(NOTICES_INDEX);
  const found = marker?.schemaVersion;
  if (marker?.rebuilding || (marker && found === null))
    return { rebuild: true, reason: 'an earlier rebuild of the index did not finish', found, indexed };
  if (archived > 0 && indexed === 0)
    return { rebuild: true, reason: `the index is empty but the archive holds ${archived} notices`, found, indexed };
  if (indexed > 0 && found === undefined)
    return {
      rebuild: true,
      reason: `the index holds ${indexed} notices written by a version that did not record its schema`,
      found,
      indexed,
    };
  if (found !== undefined && found !== SCHEMA_VERSION)
    return {
      rebuild: true,
      reason: `the index was written with schema version ${found}, this version writes ${SCHEMA_VERSION}`,
      found,
      indexed,
    };
  if (inMeili?.schemaVersion !== SCHEMA_VERSION || inArchive?.schemaVersion !== SCHEMA_VERSION) await writeSchemaVersion(store, dataDir);
  return { rebuild: false, version: SCHEMA_VERSION, indexed };
}
