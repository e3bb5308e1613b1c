/**
 * npx tsx bench/heavy-requests.ts [--attack exports|slow] [--notices 300] [--exports 30] [--connections 5000] [--seconds 30] [--rounds 3] [--rate-limit 600]
 *
 * Issue 25, finding 4: what one client's parallel full exports do to another user's searches.
 * A synthetic corpus is generated and indexed, the portal started (server/main.ts, embedded
 * Meilisearch); a user at 127.0.0.1 searches every 250 ms, alone and while `--exports` loops
 * at 127.0.0.2 request full CSV exports without pause (retrying 100 ms after a 429), in
 * `--rounds` turns of each, `--seconds` of each in all. Prints the user's p50/p95 in both
 * phases, their ratio, and the attacker's answers.
 * `--rate-limit 0` turns the per-client limits off: the figure before the fix.
 * `--attack slow`: instead, `--connections` connections from 127.0.0.2 that send part of their
 * headers and nothing more, each reopened a second after the portal closes it (issue 25,
 * finding 2).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from './generator/corpus.ts';
import { ROOT, timedGet } from './lib/api.ts';
import { parseBenchArgs } from './lib/args.ts';
import { summarize } from './lib/stats.ts';

const WORDS = ['整改', '党费', '形式主义', '意识形态', '干部', '巡察', '问题', '制度', '落实', '监督', '资金', '会议'];

async function get(url: string, localAddress: string, agent: http.Agent): Promise<{ status: number; ms: number; retryAfter?: string }> {
  const r = await timedGet(url, { agent, localAddress });
  return { status: r.status, ms: r.ms, retryAfter: r.headers['retry-after'] };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    attack: 'string',
    notices: 'number',
    exports: 'number',
    connections: 'number',
    seconds: 'number',
    'rate-limit': 'number',
    rounds: 'number',
  });
  const attack = String(args.attack ?? 'exports');
  if (attack !== 'exports' && attack !== 'slow') throw new Error(`--attack must be exports or slow, got ${attack}`);
  const connections = Number(args.connections ?? 5000);
  const rounds = Number(args.rounds ?? 3);
  const notices = Number(args.notices ?? 300);
  const exports = Number(args.exports ?? 30);
  const seconds = Number(args.seconds ?? 30);
  const rateLimit = Number(args['rate-limit'] ?? 600);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-heavy-'));
  try {
    await measure({ work, attack, notices, exports, connections, seconds, rateLimit, rounds });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function measure({
  work,
  attack,
  notices,
  exports,
  connections,
  seconds,
  rateLimit,
  rounds,
}: {
  work: string;
  attack: 'exports' | 'slow';
  notices: number;
  exports: number;
  connections: number;
  seconds: number;
  rateLimit: number;
  rounds: number;
}) {
  const corpus = path.join(work, 'corpus');
  const dataDir = path.join(work, 'data');
  generateCorpus({ notices, seed: '25', out: corpus });
  console.error(`indexing ${notices} notices…`);
  execFileSync(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', corpus], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MEILI_URL: '',
      LOAD_SAMPLES: '0',
      RATE_LIMIT: String(rateLimit),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let warnings = 0;
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      const s = b.toString();
      warnings += (s.match(/MaxListenersExceededWarning/g) ?? []).length;
      const m = /listening on http:\/\/localhost:(\d+)/.exec(s);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`portal exited with ${code}`)));
  });
  try {
    const user = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const attacker = new http.Agent({ keepAlive: true, maxSockets: exports });
    const rows = await get(`${url}/api/export?format=csv`, '127.0.0.2', attacker);
    console.error(`one full export alone: ${Math.round(rows.ms)} ms`);
    /** Samples and answers of the user, by phase. */
    const phases = {
      alone: { samples: [] as number[], statuses: new Map<number, number>() },
      attacked: { samples: [] as number[], statuses: new Map<number, number>() },
    };
    const userPhase = async (ms: number, phase: keyof typeof phases) => {
      const { samples, statuses } = phases[phase];
      // A person searching: one search every 250 ms at most (240 a minute, under RATE_LIMIT's 600).
      for (let i = 0, end = Date.now() + ms; Date.now() < end; i++) {
        const r = await get(`${url}/api/search?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}`, '127.0.0.1', user);
        samples.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.ms < 250) await new Promise((res) => setTimeout(res, 250 - r.ms));
      }
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const answers = new Map<number | string, number>();
    const count = (k: number | string) => answers.set(k, (answers.get(k) ?? 0) + 1);
    const port = Number(new URL(url).port);
    const open = new Set<net.Socket>();
    let stop = false;
    /** A connection that sends part of its headers and waits; reopened a second after it is closed. */
    const slowClient = (): Promise<void> =>
      new Promise((resolve) => {
        if (stop) return resolve();
        const socket = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
        let connected = false;
        socket.on('error', () => {});
        socket.on('data', () => {});
        socket.once('connect', () => {
          connected = true;
          open.add(socket);
          socket.write('GET /api/search?q=x HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
        });
        socket.once('close', () => {
          open.delete(socket);
          count(connected ? 'closed by the portal' : 'refused');
          setTimeout(() => void slowClient().then(resolve), 1000);
        });
      });
    const exportLoop = async () => {
      while (!stop) {
        const r = await get(`${url}/api/export?format=csv`, '127.0.0.2', attacker);
        count(r.status);
        if (r.status !== 200) await sleep(100);
      }
    };
    let mostOpen = 0;
    const sampler = setInterval(() => (mostOpen = Math.max(mostOpen, open.size)), 100);
    // Alone and attacked in turns, so that what else the machine does weighs on both alike.
    const slice = (seconds * 1000) / rounds;
    for (let round = 0; round < rounds; round++) {
      await userPhase(slice, 'alone');
      stop = false;
      const loops = Array.from({ length: attack === 'slow' ? connections : exports }, attack === 'slow' ? slowClient : exportLoop);
      await sleep(1000);
      await userPhase(slice, 'attacked');
      stop = true;
      for (const s of open) s.destroy();
      await Promise.all(loops);
      await sleep(1000);
    }
    clearInterval(sampler);
    const summary = (phase: keyof typeof phases) => ({
      ...summarize(phases[phase].samples),
      statuses: Object.fromEntries(phases[phase].statuses),
    });
    const alone = summary('alone');
    const attacked = summary('attacked');
    user.destroy();
    attacker.destroy();
    console.log(
      JSON.stringify(
        {
          attack,
          notices,
          ...(attack === 'slow' ? { connections, mostOpenAtOnce: mostOpen } : { exports }),
          seconds,
          rounds,
          rateLimit,
          oneExportMs: Math.round(rows.ms),
          alone,
          attacked,
          p50Ratio: Math.round((attacked.p50 / alone.p50) * 10) / 10,
          attackerAnswers: Object.fromEntries(answers),
          maxListenersWarnings: warnings,
        },
        null,
        2,
      ),
    );
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
