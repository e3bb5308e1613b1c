/** The key the API searches with: it can only search, so the master key never serves users. */
import type { MeiliClient } from './client.ts';

type Key = { uid: string; key: string; name: string | null; actions: string[]; indexes: string[] };

/** A key that can only search, created once and found again by name. */
export async function searchOnlyKey(admin: MeiliClient, indexes: string[]): Promise<string> {
  const name = 'portal-search';
  const list = await admin.request<{ results: Key[] }>('GET', '/keys?limit=1000');
  const found = list.results.find(
    (k) => k.name === name && k.actions.length === 1 && k.actions[0] === 'search' && indexes.every((i) => k.indexes.includes(i)),
  );
  if (found) return found.key;
  const created = await admin.request<Key>('POST', '/keys', {
    name,
    description: 'Search-only key used by the portal API',
    actions: ['search'],
    indexes,
    expiresAt: null,
  });
  return created.key;
}
