/**
 * npm run index -- <files or folders>...      add or update notices
 * npm run index -- --remove <file or id>...   delete notices
 * npm run index -- --reclassify               re-apply lexicon/taxonomy.yaml to the archive
 * npm run reindex                             rebuild Meilisearch from the archive alone
 * Works whether or not the portal is running: it reuses the portal's embedded Meilisearch
 * for the same DATA_DIR, or starts (and afterwards stops) one itself.
 */
import { parseCommandLine, USAGE_ERROR } from './command-line.ts';
import path from 'node:path';
import { readConfig } from '../meili/config.ts';
import { connectMeili } from '../meili/connect.ts';
import { ensureIndexes } from '../meili/indexes.ts';
import { Archive } from './archive/store.ts';
import { expandInputs, ingestFiles, removeNotices, SUPPORTED_EXTENSIONS } from './ingest.ts';
import { createProgress } from './progress.ts';
import { rebuildIndex, syncIndex } from './rebuild.ts';
import { asNoSpace, checkFreeSpace, freeBytes } from './no-space.ts';

/** Exit status when the disk is full (1: files failed or an error, 2: a bad command line). */
const NO_SPACE_EXIT = 3;

const USAGE = `用法 (usage):
  npm run index -- <文件或文件夹>...        索引通报 (.txt .docx .html .htm .pdf)
  npm run index -- --remove <文件或通报ID>... 删除通报
  npm run index -- --reclassify             按 lexicon/taxonomy.yaml 重新分类
  npm run reindex                           从档案重建索引`;

/** `.doc ×2、.wps ×1`: what was skipped, by extension. */
function skippedKinds(files: string[]): string {
  const counts = new Map<string, number>();
  for (const f of files) {
    const ext = path.extname(f).toLowerCase() || '（无扩展名）';
    counts.set(ext, (counts.get(ext) ?? 0) + 1);
  }
  return [...counts].map(([ext, n]) => `${ext} ×${n}`).join('、');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { remove: { type: 'boolean' }, reclassify: { type: 'boolean' }, reindex: { type: 'boolean' }, help: { type: 'boolean' } },
    USAGE,
  );
  if (!parsed) return USAGE_ERROR;
  const { values: flags, positionals: args } = parsed;
  if (flags.help || (!args.length && !flags.reclassify && !flags.reindex)) {
    console.error(USAGE);
    return flags.help ? 0 : 2;
  }
  // What to index is known before Meilisearch is started: a folder of nothing indexable says so at once.
  const indexing = !flags.remove && !flags.reclassify && !flags.reindex;
  const { files, missing, skipped } = indexing ? expandInputs(args) : { files: [], missing: [], skipped: [] };
  for (const m of missing) console.error(`不存在 (no such file or folder): ${m}`);
  if (skipped.length)
    console.error(
      `跳过 ${skipped.length} 个不支持格式的文件 (skipped, unsupported format): ${skippedKinds(skipped)}。只索引 ${SUPPORTED_EXTENSIONS.join(' ')}；旧版 .doc/.wps 请另存为 .docx`,
    );
  if (indexing && !files.length) {
    console.error('没有可索引的文件 (nothing to index)');
    return 1;
  }
  const config = readConfig();
  // A (nearly) full disk is said before Meilisearch is started: it would fail in less plain
  // words. Removing is let through: it is how space is made.
  const full = flags.remove ? undefined : checkFreeSpace(config.dataDir);
  if (full) {
    console.error(full.message);
    return NO_SPACE_EXIT;
  }
  const conn = await connectMeili(config, (m) => console.error(m));
  try {
    await ensureIndexes(conn.admin);
    const archive = new Archive(config.dataDir);
    // A run killed half-way left notices the index has not seen (or should no longer have).
    const sync = await syncIndex(archive, conn.admin);
    for (const r of sync.refused)
      console.error(`通报 ${r.id} 未能载入检索引擎，仍保存在档案中 (refused by Meilisearch, kept in the archive): ${r.message}`);
    if (flags.reindex || flags.reclassify) {
      const mode = flags.reindex ? 'reparse' : 'reclassify';
      const bar = createProgress(mode === 'reparse' ? '重建索引' : '重新分类');
      const t = Date.now();
      const r = await rebuildIndex(archive, conn.admin, mode, (d, n) => bar.update(d, n));
      console.log(`${r.notices} 篇通报, ${r.paragraphs} 个段落, ${((Date.now() - t) / 1000).toFixed(1)} s`);
      return 0;
    }
    if (flags.remove) {
      const r = await removeNotices(args, archive, conn.admin);
      for (const id of r.removed) console.log(`已删除 (removed) ${id}`);
      for (const ref of r.notFound) console.error(`未找到 (not found): ${ref}`);
      return r.notFound.length ? 1 : 0;
    }
    const bar = createProgress('索引');
    if (sync.resent.length)
      console.error(
        `上次中断的运行留下 ${sync.resent.length} 篇通报未载入检索引擎，已重新发送 (re-sent ${sync.resent.length} notices an interrupted run had left unsent)`,
      );
    const s = await ingestFiles(files, {
      archive,
      client: conn.admin,
      resent: new Set(sync.resent),
      onProgress: (d, n) => bar.update(d, n),
    });
    for (const o of s.outcomes) if (o.status === 'failed') console.error(`失败 ${o.file}: ${o.message}`);
    console.log(
      `新增 added ${s.added}, 更新 updated ${s.updated}, 未变 unchanged ${s.unchanged}, 重复 duplicate ${s.duplicate}, 失败 failed ${s.failed}; ${s.segments} 个段落/条目, ${(s.ms / 1000).toFixed(1)} s`,
    );
    return s.failed || missing.length ? 1 : 0;
  } catch (e) {
    // A full disk, said in plain words whichever step met it (syncIndex, an archive write, a Meilisearch task).
    const noSpace = asNoSpace(e, () => freeBytes(config.dataDir));
    if (!noSpace) throw e;
    console.error(noSpace.message);
    return NO_SPACE_EXIT;
  } finally {
    await conn.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`错误 (error): ${(e as Error).message}`);
    process.exit(1);
  },
);
