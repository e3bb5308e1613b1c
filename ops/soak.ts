/**
 * npm run soak -- [--minutes 10] [--concurrency 4] [--index-every 15] [--batch 5] [--report FILE] [--keep]
 *
 * A soak test (not part of `npm test`): starts the portal as `npm start` does, on a temporary
 * DATA_DIR with the embedded Meilisearch, and for the given time runs
 *   - `concurrency` loops of mixed API requests: word and exact searches, filters, the
 *     notices view, sorting, deep pages, facets, stats, notice pages, paragraph permalinks;
 *   - an indexing loop: every `index-every` seconds, `batch` new notices (generated variants
 *     of the samples) uploaded through the admin API, now and then a corrected version of
 *     an earlier one (an update) and a deletion.
 * It samples the resident memory of the portal and of Meilisearch every 5 s and prints: errors
 * (want 0), request rate, latency percentiles overall and in the first and the last minute
 * (drift), memory at the start, the end and the slope. Exit status 1 when there was an error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { memoryOf } from './common.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED_000 = fs.readFileSync(path.join(ROOT, 'corpus/samples/000_1385efacdcc48c67.txt'), 'utf8');
const SEED_003 = fs.readFileSync(path.join(ROOT, 'corpus/samples/003_80563647cd77ea6c.txt'), 'utf8');

const COUNTIES = ['宽甸满族自治县', '凤城市', '东港市', '振兴区', '元宝区', '振安区'];
const BUREAUS = [
  '融媒体中心',
  '教育局',
  '卫生健康局',
  '财政局',
  '交通运输局',
  '文化旅游和广播电视局',
  '民政局',
  '水务局',
  '农业农村局',
  '市场监督管理局',
  '自然资源局',
  '住房和城乡建设局',
];
const WORDS = [
  '党费',
  '三重一大',
  '整改',
  '形式主义',
  '民生',
  '意识形态',
  '选人用人',
  '巡察',
  '主体责任',
  '基层党组织',
  '中央八项规定',
  '廉政',
  '档案',
  '专项资金',
  '公务用车',
];
const EXACT = ['2369', '党费共计', '三重一大', '整改前上升', '36%', '第二巡察组'];
const YEARS = ['2019', '2020', '2021', '2022', '2023', '2024', '2025'];

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}

/** A new notice: a sample as another unit and year, with a sentence of its own (so it is new). */
function variant(n: number): { name: string; text: string } {
  const county = COUNTIES[n % COUNTIES.length]!;
  const bureau = BUREAUS[Math.floor(n / COUNTIES.length) % BUREAUS.length]!;
  const year = 2019 + (n % 7);
  const shift = (s: string) => s.replace(/(20\d\d)年/g, (_, y: string) => `${Number(y) - 2025 + year}年`);
  const base =
    n % 5 === 4
      ? SEED_003.replaceAll('丹东市融媒体中心', `${county}${bureau}`)
      : shift(SEED_000)
          .replaceAll('宽甸满族自治县融媒体中心', `${county}${bureau}`)
          .replaceAll('融媒体中心进行了', `${bureau}进行了`)
          .replaceAll('向融媒体中心反馈', `向${bureau}反馈`);
  // A unit and a round of its own (the notice id derives from unit, title and dates).
  const unique = `第${n + 1}号`;
  return { name: `soak-${n}.txt`, text: base.replace(/关于/, `${unique}关于`).replace('整改', `整改（批次${n}）`) };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

type Sample = { t: number; portal?: number; meili?: number; meiliAnon?: number };
type Req = { t: number; ms: number; ok: boolean; kind: string };

async function startPortal(dataDir: string, adminToken: string): Promise<{ url: string; proc: ChildProcess; logs: string[] }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MEILI_URL: '', RATE_LIMIT: '0', ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start within 120 s:\n${logs.join('')}`)), 120_000);
    const onData = (b: Buffer) => {
      const s = b.toString();
      // Request logs are many: keep only what is not one.
      if (!s.includes('"msg":"request"')) logs.push(s);
      const m = /listening on http:\/\/localhost:(\d+)/.exec(s);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code}:\n${logs.join('')}`));
    });
  });
  return { url, proc, logs };
}

const USAGE = 'npm run soak -- [--minutes 10] [--concurrency 4] [--index-every 15] [--batch 5] [--report FILE] [--keep]';

function options() {
  return parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '4' },
      'index-every': { type: 'string', default: '15' },
      batch: { type: 'string', default: '5' },
      report: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof options>;
  try {
    values = options();
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const minutes = Number(values.minutes);
  const concurrency = Number(values.concurrency);
  const indexEvery = Number(values['index-every']) * 1000;
  const batch = Number(values.batch);
  if (!(minutes > 0) || !(concurrency > 0) || !(indexEvery > 0) || !(batch > 0))
    throw new Error('--minutes, --concurrency, --index-every and --batch must be positive numbers');
  const durationMs = minutes * 60_000;
  const windowMs = Math.min(60_000, durationMs / 5);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const adminToken = crypto.randomBytes(24).toString('hex');
  console.error(`soak: ${minutes} min, ${concurrency} search loops, ${batch} notices every ${indexEvery / 1000} s; DATA_DIR ${dataDir}`);
  const portal = await startPortal(dataDir, adminToken);
  const meiliPid = () => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(dataDir, 'meili.json'), 'utf8')) as { pid: number }).pid;
    } catch {
      return undefined;
    }
  };
  const errors: string[] = [];
  const requests: Req[] = [];
  const samples: Sample[] = [];
  const uploads: { t: number; ms: number; added: number; updated: number }[] = [];
  const started = Date.now();
  const deadline = started + durationMs;
  const noticeIds: string[] = [];
  const segmentIds: string[] = [];

  // biome-ignore lint/suspicious/noExplicitAny: the JSON answers of several routes, read loosely by a load generator
  const call = async (kind: string, url: string, init?: RequestInit): Promise<any> => {
    const t0 = performance.now();
    let ok = false;
    try {
      const res = await fetch(url, init);
      const body = await res.text();
      ok = res.ok || (res.status === 404 && kind === 'notice');
      if (!ok) errors.push(`${new Date().toISOString()} ${kind} ${res.status} ${url.replace(portal.url, '')}: ${body.slice(0, 200)}`);
      requests.push({ t: Date.now() - started, ms: performance.now() - t0, ok, kind });
      return ok && body ? JSON.parse(body) : undefined;
    } catch (e) {
      errors.push(`${new Date().toISOString()} ${kind} ${url.replace(portal.url, '')}: ${(e as Error).message}`);
      requests.push({ t: Date.now() - started, ms: performance.now() - t0, ok: false, kind });
      return undefined;
    }
  };
  const q = (s: string) => encodeURIComponent(s);

  const searchLoop = async () => {
    while (Date.now() < deadline) {
      const r = Math.random();
      const u = portal.url;
      if (r < 0.3) {
        const b = await call('words', `${u}/api/search?q=${q(pick(WORDS))}${Math.random() < 0.3 ? `+${q(pick(WORDS))}` : ''}`);
        for (const h of b?.hits?.slice(0, 3) ?? []) {
          noticeIds.push(h.noticeId);
          segmentIds.push(h.id);
        }
      } else if (r < 0.45) await call('exact', `${u}/api/search?q=${q(pick(EXACT))}&mode=exact`);
      else if (r < 0.6)
        await call(
          'filters',
          `${u}/api/search?q=${q(pick(WORDS))}&year=${pick(YEARS)}${Math.random() < 0.5 ? `&region=${q('辽宁省 > 丹东市')}` : '&level=县'}`,
        );
      else if (r < 0.7)
        await call('notices-view', `${u}/api/search?q=${q(pick(WORDS))}&view=notices&sort=${pick(['relevance', 'date', '-date'])}`);
      else if (r < 0.75) await call('deep-page', `${u}/api/search?q=${q('整改')}&page=${1 + Math.floor(Math.random() * 20)}&perPage=50`);
      else if (r < 0.8) await call('facets', `${u}/api/facets/${pick(['unit', 'region', 'category', 'year'])}?q=${q(pick(WORDS))}`);
      else if (r < 0.85) await call('stats', `${u}/api/stats?q=${q(pick(WORDS))}`);
      else if (r < 0.93 && noticeIds.length) await call('notice', `${u}/api/notices/${pick(noticeIds.slice(-200))}`);
      else if (segmentIds.length) await call('paragraph', `${u}/api/paragraphs/${pick(segmentIds.slice(-200))}`);
      if (noticeIds.length > 1000) noticeIds.splice(0, 500);
      if (segmentIds.length > 1000) segmentIds.splice(0, 500);
    }
  };

  let generated = 0;
  const uploadedIds: string[] = [];
  const indexLoop = async () => {
    let round = 0;
    while (Date.now() + indexEvery < deadline) {
      await new Promise((r) => setTimeout(r, indexEvery));
      round++;
      const form = new FormData();
      for (let i = 0; i < batch; i++) {
        const v = variant(generated++);
        form.append('files', new Blob([v.text], { type: 'text/plain' }), v.name);
      }
      // Now and then a corrected version of an earlier notice: an update.
      if (round % 3 === 0 && generated > batch) {
        const v = variant(Math.floor(Math.random() * (generated - batch)));
        form.append(
          'files',
          new Blob([v.text.replace('党费共计2369元', `党费共计${2300 + round}元`)], { type: 'text/plain' }),
          `fix-${v.name}`,
        );
      }
      const t0 = performance.now();
      const b = await call('upload', `${portal.url}/api/admin/notices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
        body: form,
      });
      if (b) {
        uploads.push({ t: Date.now() - started, ms: performance.now() - t0, added: b.added, updated: b.updated });
        for (const o of b.outcomes ?? []) if (o.noticeId && o.status === 'added') uploadedIds.push(o.noticeId);
        if (b.failed)
          errors.push(
            `upload: ${b.failed} file(s) failed: ${JSON.stringify(b.outcomes.filter((o: { status: string }) => o.status === 'failed')).slice(0, 300)}`,
          );
      }
      // And now and then a deletion.
      if (round % 4 === 0 && uploadedIds.length > 10) {
        const id = uploadedIds.splice(Math.floor(Math.random() * uploadedIds.length), 1)[0]!;
        await call('delete', `${portal.url}/api/admin/notices/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${adminToken}` },
        });
      }
    }
  };

  const sample = () => {
    const m = memoryOf(meiliPid() ?? -1);
    samples.push({ t: Date.now() - started, portal: memoryOf(portal.proc.pid!)?.rss, meili: m?.rss, meiliAnon: m?.anon });
  };
  const sampler = setInterval(sample, 5000);
  sample();
  const progress = setInterval(() => {
    const done = (Date.now() - started) / 60_000;
    console.error(
      `soak: ${done.toFixed(1)}/${minutes} min, ${requests.length} requests, ${errors.length} errors, ${uploads.length} uploads`,
    );
  }, 60_000);

  await Promise.all([...Array.from({ length: concurrency }, searchLoop), indexLoop()]);
  clearInterval(sampler);
  clearInterval(progress);
  sample();
  const health = await call('health', `${portal.url}/api/health`);

  const exited = new Promise<number | null>((r) => portal.proc.once('exit', (c) => r(c)));
  portal.proc.kill('SIGINT');
  const exitCode = await exited;
  if (exitCode !== 0) errors.push(`the portal exited with ${exitCode} on SIGINT`);

  // Report.
  const searchReqs = requests.filter((r) => r.kind !== 'upload' && r.kind !== 'delete' && r.kind !== 'health');
  const lat = (rs: Req[]) => {
    const s = rs.map((r) => r.ms).sort((a, b) => a - b);
    return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
  };
  const total = (Date.now() - started) / 1000;
  const first = lat(searchReqs.filter((r) => r.t < windowMs));
  const last = lat(searchReqs.filter((r) => r.t >= durationMs - windowMs));
  const all = lat(searchReqs);
  const byKind = Object.fromEntries(
    [...new Set(searchReqs.map((r) => r.kind))].sort().map((k) => [k, lat(searchReqs.filter((r) => r.kind === k))]),
  );
  const mb = (b?: number) => (b === undefined ? NaN : b / 1024 / 1024);
  // Memory after the first window (warm) vs the end, and the least-squares slope after it.
  const warm = samples.filter((s) => s.t >= windowMs);
  type Key = 'portal' | 'meili' | 'meiliAnon';
  const slope = (key: Key) => {
    const pts = warm.filter((s) => s[key] !== undefined).map((s) => [s.t / 60_000, mb(s[key])] as const);
    if (pts.length < 2) return NaN;
    const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
    const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
    const num = pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
    const den = pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
    return den ? num / den : NaN;
  };
  const mem = (key: Key) => {
    const xs = samples.map((s) => mb(s[key])).filter((x) => !Number.isNaN(x));
    return {
      start: mb(samples[0]?.[key]),
      warm: mb(warm[0]?.[key]),
      end: mb(samples.at(-1)?.[key]),
      max: Math.max(...xs),
      slopeMbPerMin: slope(key),
    };
  };
  const report = {
    minutes,
    concurrency,
    seconds: total,
    requests: searchReqs.length,
    ratePerSecond: searchReqs.length / total,
    errors: errors.length,
    errorSamples: errors.slice(0, 10),
    latencyMs: {
      all,
      firstWindow: first,
      lastWindow: last,
      windowSeconds: windowMs / 1000,
      driftP50: last.p50 / first.p50 - 1,
      driftP95: last.p95 / first.p95 - 1,
      byKind,
    },
    indexing: {
      uploads: uploads.length,
      notices: uploads.reduce((a, u) => a + u.added, 0),
      updates: uploads.reduce((a, u) => a + u.updated, 0),
      uploadMs: lat(uploads.map((u) => ({ t: u.t, ms: u.ms, ok: true, kind: 'upload' }))),
    },
    memoryMiB: { portal: mem('portal'), meilisearch: mem('meili'), meilisearchAnonymous: mem('meiliAnon') },
    finalHealth: health,
    dataDir: values.keep ? dataDir : undefined,
  };
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%` : '–');
  console.log(`\n== soak: ${f(total / 60)} min, ${concurrency} search loops, embedded Meilisearch ==`);
  console.log(`errors: ${errors.length}${errors.length ? `\n  ${errors.slice(0, 10).join('\n  ')}` : ''}`);
  console.log(
    `requests: ${searchReqs.length} (${f(report.ratePerSecond)}/s); indexing: ${report.indexing.notices} notices added, ${report.indexing.updates} updated in ${uploads.length} uploads (p50 ${f(report.indexing.uploadMs.p50, 0)} ms); final health ${health?.status} with ${health?.notices} notices, ${health?.paragraphs} paragraphs`,
  );
  console.log(`latency ms    all: p50 ${f(all.p50)} p95 ${f(all.p95)} p99 ${f(all.p99)} max ${f(all.max, 0)}`);
  console.log(`  first ${windowMs / 1000} s: p50 ${f(first.p50)} p95 ${f(first.p95)} (${first.n} requests)`);
  console.log(
    `  last ${windowMs / 1000} s:  p50 ${f(last.p50)} p95 ${f(last.p95)} (${last.n} requests); drift p50 ${pct(report.latencyMs.driftP50)}, p95 ${pct(report.latencyMs.driftP95)}`,
  );
  for (const [k, v] of Object.entries(byKind)) console.log(`  ${k.padEnd(13)} p50 ${f(v.p50)} p95 ${f(v.p95)} (${v.n})`);
  for (const [name, m] of [
    ['portal', report.memoryMiB.portal],
    ['meilisearch', report.memoryMiB.meilisearch],
    ['meili anon', report.memoryMiB.meilisearchAnonymous],
  ] as const) {
    console.log(
      `memory ${name.padEnd(11)} RSS MiB: start ${f(m.start)}, warm ${f(m.warm)}, end ${f(m.end)}, max ${f(m.max)}; growth after warm-up ${f(m.end - m.warm)} MiB, slope ${f(m.slopeMbPerMin, 2)} MiB/min`,
    );
  }
  if (values.report) fs.writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
  if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  return errors.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`soak failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
