/**
 * Reading untrusted files (docx, pdf, html, txt → text) in a child process of its own, with a
 * heap cap and a time limit, so that a hostile file costs a refusal instead of the process.
 *
 * A .docx under every size limit can still take gigabytes to read: mammoth builds strings and
 * XML trees of what JSZip unpacks, up to about 240 bytes of memory per unpacked byte of Word XML
 * made of tiny paragraphs (docs/security.md). In the portal that used to be the API's own heap:
 * the upload stalled every search, then the process died of "JavaScript heap out of memory".
 * Here the reading happens in a child process started with --max-old-space-size: when its heap
 * runs out, V8 ends that process, the file is refused with the `too-large` reason, and the next
 * file gets a new reader. A file that takes longer than the time limit (a PDF page that
 * inflates for minutes) is refused the same way.
 *
 * A process, not a worker thread: a worker's resourceLimits usually end only the worker, but
 * when the heap runs out inside a garbage collection V8 aborts the whole process (seen here:
 * "FATAL ERROR: Reached heap limit" from a capped worker took the portal down).
 *
 * One file at a time per reader: the limits are per file, and a queue keeps the memory of the
 * machine bounded by one reader's cap. The reader is started on first use and kept for the
 * next files; it never keeps the parent alive by itself, and ends when the parent does.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { READ_MEMORY_MB, READ_TIME_LIMIT_MS } from '../read/limits.ts';
import { fail, type ReadResult } from '../read/types.ts';

const CHILD = fileURLToPath(new URL('./read-child.mjs', import.meta.url));

export type ReaderOptions = { memoryMb: number; timeLimitMs: number };

/** INDEX_READ_MEMORY_MB and INDEX_READ_SECONDS override the limits of indexer/read/limits.ts. */
export function readerOptions(env: NodeJS.ProcessEnv = process.env): ReaderOptions {
  const positive = (value: string | undefined, fallback: number) =>
    value !== undefined && value !== '' && Number(value) > 0 ? Number(value) : fallback;
  return {
    memoryMb: positive(env.INDEX_READ_MEMORY_MB, READ_MEMORY_MB),
    timeLimitMs: positive(env.INDEX_READ_SECONDS, READ_TIME_LIMIT_MS / 1000) * 1000,
  };
}

export function outOfMemory(memoryMb: number): ReadResult {
  return fail(
    'too-large',
    `文件解析所需内存超过上限（${memoryMb} MB），已拒绝：可能是压缩炸弹或恶意构造的文件 (reading the file needed more than the ${memoryMb} MB memory limit: refused as a possible decompression bomb)`,
  );
}

export function outOfTime(timeLimitMs: number): ReadResult {
  const s = timeLimitMs >= 10_000 ? String(Math.round(timeLimitMs / 1000)) : (timeLimitMs / 1000).toFixed(1);
  return fail(
    'too-large',
    `文件解析超过时限（${s} 秒），已拒绝：可能是异常或恶意构造的文件 (reading the file took longer than the ${s} s time limit: refused as a possibly malformed or hostile file)`,
  );
}

type Job = { id: number; bytes: Uint8Array; fileName: string; resolve: (r: ReadResult) => void };
type Running = { child: ChildProcess; ready: Promise<void> };

export class IsolatedReader {
  private running?: Running;
  private readonly queue: Job[] = [];
  private current?: { job: Job; timer?: NodeJS.Timeout };
  private nextId = 1;

  constructor(readonly options: ReaderOptions = readerOptions()) {}

  /** Never rejects: every problem, the reader's own death included, is a `{ ok: false }` result. */
  read(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, fileName, resolve });
      this.pump();
    });
  }

  /** Stops the reader; files still queued are refused. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    this.finish(fail('corrupt', '读取已停止 (reading was stopped)'));
    for (const job of this.queue.splice(0)) job.resolve(fail('corrupt', '读取已停止 (reading was stopped)'));
    running?.child.kill('SIGKILL');
  }

  private start(): Running {
    const child = fork(CHILD, [], {
      execArgv: [`--max-old-space-size=${this.options.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let markReady!: () => void;
    const running: Running = { child, ready: new Promise((r) => (markReady = r)) };
    // What the reader says on stderr tells an exhausted heap from other deaths.
    let said = '';
    child.stderr?.on('data', (b: Buffer) => {
      said = (said + b.toString()).slice(-4096);
    });
    const idle = () => {
      child.unref();
      child.channel?.unref();
      (child.stderr as { unref?: () => void } | null)?.unref?.();
    };
    idle();
    child.on('message', (msg: { ready?: true; id?: number; result?: ReadResult; error?: string }) => {
      if (msg.ready) return markReady();
      if (msg.id !== this.current?.job.id) return;
      this.finish(
        msg.result ?? fail('corrupt', `文件已损坏或格式异常，无法读取 (the file is corrupt or malformed and cannot be read: ${msg.error})`),
      );
      this.pump();
    });
    child.on('exit', (code, signal) => {
      if (this.running !== running) return;
      this.running = undefined;
      markReady();
      this.finish(
        /heap out of memory|Reached heap limit|Allocation failed/iu.test(said)
          ? outOfMemory(this.options.memoryMb)
          : fail('corrupt', `读取进程意外退出 (the reader stopped unexpectedly: ${signal ?? `exit code ${code}`})`),
      );
      this.pump();
    });
    child.on('error', () => {
      /* reported by 'exit' (or the start timeout below) */
    });
    return running;
  }

  private finish(result: ReadResult): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.job.resolve(result);
  }

  private pump(): void {
    if (this.current || !this.queue.length) return;
    const job = this.queue.shift()!;
    this.current = { job };
    const running = (this.running ??= this.start());
    // The time limit runs from when the reader has started: starting it is not the file's doing.
    // The timer also keeps the parent alive while a file is read (the reader does not).
    const waitForStart = setTimeout(() => {
      if (this.current?.job !== job || this.running !== running) return;
      this.running = undefined;
      running.child.kill('SIGKILL');
      this.finish(fail('corrupt', '读取进程未能启动 (the reader did not start within 60 s)'));
      this.pump();
    }, 60_000);
    void running.ready.then(() => {
      clearTimeout(waitForStart);
      if (this.current?.job !== job || this.running !== running) return;
      this.current.timer = setTimeout(() => {
        if (this.current?.job !== job) return;
        this.running = undefined;
        running.child.kill('SIGKILL');
        this.finish(outOfTime(this.options.timeLimitMs));
        this.pump();
      }, this.options.timeLimitMs);
      running.child.send({ id: job.id, bytes: job.bytes, fileName: job.fileName });
    });
  }
}

let shared: IsolatedReader | undefined;

/** readNotice (indexer/read/read-file.ts) in this thread's isolated reader. */
export function readIsolated(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  shared ??= new IsolatedReader();
  return shared.read(bytes, fileName);
}
