/**
 * Absolute links in the export and the Atom feed (server/http/origin.ts): with PUBLIC_URL they
 * start with it whatever Host or request target the client sends; without it, a sound Host is
 * used as before and anything else gives way to the address the portal listens on. Two real
 * portals on the sample corpus; requests go through node:http, which, unlike fetch, sends the
 * Host header and request target it is given.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startPortal, type Portal } from '../support/portal.ts';

type Sent = { host?: string; target?: (path: string) => string };

function get(portal: Portal, path: string, sent: Sent = {}): Promise<{ status: number; body: string }> {
  const u = new URL(portal.url);
  return new Promise((resolve, reject) => {
    const headers = sent.host !== undefined ? { host: sent.host } : {};
    const req = http.request({ host: u.hostname, port: u.port, path: sent.target ? sent.target(path) : path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every absolute link the three outputs hold: feed ids and hrefs, CSV url cells, JSON urls. */
async function links(portal: Portal, sent: Sent): Promise<string[]> {
  const feed = await get(portal, '/api/feed.atom', sent);
  const csv = await get(portal, '/api/export?format=csv', sent);
  const json = await get(portal, '/api/export?format=json', sent);
  for (const r of [feed, csv, json]) expect(r.status).toBe(200);
  const fromFeed = [...feed.body.matchAll(/<id>([^<]*)<\/id>|href="([^"]*)"/gu)].map((m) => (m[1] ?? m[2])!.replaceAll('&amp;', '&'));
  const fromCsv = csv.body
    .trim()
    .split('\r\n')
    .slice(1)
    .map((row) => /"([^"]*)"$/u.exec(row)![1]!);
  const fromJson = (JSON.parse(json.body) as { url: string }[]).map((h) => h.url);
  for (const list of [fromFeed, fromCsv, fromJson]) expect(list.length).toBeGreaterThan(0);
  return [...fromFeed, ...fromCsv, ...fromJson];
}

const absolute = (host: string) => (path: string) => `http://${host}${path}`;

describe('with PUBLIC_URL', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({ env: { RATE_LIMIT: '0', PUBLIC_URL: 'https://Xuncha.Example.org/portal/' } });
  });
  afterAll(async () => {
    await portal?.stop();
    fs.rmSync(portal.dataDir, { recursive: true, force: true });
  });

  it.each<[string, Sent]>([
    ['the Host the client connected with', {}],
    ['a foreign Host', { host: 'evil.example' }],
    ['a foreign Host with a port', { host: 'evil.example:8443' }],
    ['a malformed Host', { host: 'evil_example' }],
    ['an absolute request target', { host: 'evil.example', target: absolute('evil.example') }],
  ])('every feed and export link starts with it, for %s', async (_what, sent) => {
    const all = await links(portal, sent);
    for (const link of all) expect(link).toMatch(/^https:\/\/xuncha\.example\.org\/portal\/(notices|api)\//u);
    expect(all.some((l) => l.startsWith('https://xuncha.example.org/portal/api/feed.atom'))).toBe(true);
  });
});

describe('without PUBLIC_URL', () => {
  let portal: Portal;
  let listening: string;
  beforeAll(async () => {
    portal = await startPortal({ env: { RATE_LIMIT: '0', PUBLIC_URL: '' } });
    listening = portal.url; // http://127.0.0.1:<port>
  });
  afterAll(async () => {
    await portal?.stop();
    fs.rmSync(portal.dataDir, { recursive: true, force: true });
  });

  it('uses a well-formed Host, as before', async () => {
    for (const link of await links(portal, { host: 'portal.example:8080' }))
      expect(link.startsWith('http://portal.example:8080/')).toBe(true);
  });

  it.each<[string, Sent]>([
    ['a Host with a character no host name has', { host: 'evil_example' }],
    ['a Host with port 0', { host: 'evil.example:0' }],
    ['an absolute request target naming another host', { host: 'portal.example', target: absolute('evil.example') }],
  ])('falls back to the listening address for %s', async (_what, sent) => {
    for (const link of await links(portal, sent)) expect(link.startsWith(`${listening}/`)).toBe(true);
  });
});

describe('a bad PUBLIC_URL', () => {
  it('stops the portal at startup with a clear message', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: '/nonexistent/never-created',
        MEILI_URL: '',
        PUBLIC_URL: 'https://example.org/?x=1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr!.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/配置错误.*configuration error.*PUBLIC_URL must .*must not have a query.*"https:\/\/example\.org\/\?x=1"/u);
    expect(stderr).not.toMatch(/\n\s+at /u); // a message, not a stack trace
  });
});
