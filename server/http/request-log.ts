/** One JSON line per request, with its status and time, written after the answer. */
import type { MiddlewareHandler } from 'hono';

export type LogLine = (entry: Record<string, unknown>) => void;

/**
 * Request log lines to stdout, written together once the answers of this turn of the event
 * loop are sent: stdout to a pipe is written synchronously on Linux, and one write (and one
 * wake-up of whoever reads the pipe) per request sat in front of every answer. A line may be
 * lost if the process dies within that turn.
 */
export function stdoutLines(): LogLine {
  const pending: string[] = [];
  const flush = () => {
    process.stdout.write(pending.join('\n') + '\n');
    pending.length = 0;
  };
  return (entry) => {
    if (pending.push(JSON.stringify(entry)) === 1) setImmediate(flush);
  };
}

export function requestLog(log: LogLine): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log({
      level: 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
