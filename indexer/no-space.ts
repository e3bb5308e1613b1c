/**
 * A full disk, told in plain words. When the disk under DATA_DIR fills up, nothing says so
 * directly: the archive's writes fail with ENOSPC, Meilisearch fails its tasks with
 * "No space left on device (os error 28)", and, worse, refuses the next documents with
 * "The `json` payload provided is malformed" because it could not write them down before
 * reading them (issue 25: the indexer exited with that message while Meilisearch's log said
 * "No space left on device"). The indexer writes its JSON with JSON.stringify: Meilisearch
 * calling it malformed means it could not store it, and free space tells which.
 */
import fs from 'node:fs';

/** Below this much free space the indexer does not start, and a malformed-payload answer means a full disk. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

export class NoSpaceError extends Error {
  readonly code = 'ENOSPC';
}

/** Free bytes for an unprivileged user on the file system holding `dir`, or undefined when unknown. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

export function noSpaceMessage(where: string, detail?: string): string {
  return (
    `磁盘空间不足，索引已停止：${where} (no space left on device, indexing stopped: ${where})` +
    (detail ? ` [${detail}]` : '') +
    '。已完成的通报都保存在档案中；腾出空间后重新运行同一命令即可继续 (notices already done are kept in the archive; free some space and run the same command again to continue)'
  );
}

const NO_SPACE_TEXT =
  /no space left on device|os error 28|ENOSPC|disk quota exceeded|EDQUOT|database_size_limit_reached|no_space_left_on_device/iu;

/**
 * The disk-full reading of an error, or undefined when it is something else.
 * `free` is the free space under DATA_DIR (freeBytes), consulted for Meilisearch's
 * malformed-payload answer only.
 */
export function asNoSpace(error: unknown, free: () => number | undefined): NoSpaceError | undefined {
  if (error instanceof NoSpaceError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: string }).code;
  const detail = error.message.split('\n')[0]!.slice(0, 300);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new NoSpaceError(noSpaceMessage('写入档案失败 (writing the archive failed)', detail));
  if (NO_SPACE_TEXT.test(error.message) || (code !== undefined && NO_SPACE_TEXT.test(code)))
    return new NoSpaceError(noSpaceMessage('Meilisearch 无法写入数据 (Meilisearch could not write its data)', detail));
  if (code === 'malformed_payload' || /payload provided is malformed/iu.test(error.message)) {
    const left = free();
    if (left !== undefined && left < MIN_FREE_BYTES)
      return new NoSpaceError(
        noSpaceMessage(
          `Meilisearch 无法保存收到的文档，数据目录只剩 ${mib(left)} (Meilisearch could not store the documents it was sent; ${mib(left)} left where DATA_DIR is)`,
          detail,
        ),
      );
  }
  return undefined;
}

/** Refuses to start on a disk that is (almost) full, before anything is written. */
export function checkFreeSpace(dataDir: string, free = freeBytes(dataDir)): NoSpaceError | undefined {
  if (free === undefined || free >= MIN_FREE_BYTES) return undefined;
  return new NoSpaceError(
    noSpaceMessage(
      `数据目录 ${dataDir} 只剩 ${mib(free)}，至少需要 ${mib(MIN_FREE_BYTES)} (only ${mib(free)} free where DATA_DIR is, at least ${mib(MIN_FREE_BYTES)} needed)`,
    ),
  );
}
