/** Progress on a terminal: one redrawn bar with counts and rate; plain lines when not a TTY. */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastLine = 0;
  return {
    update(done: number, total: number, note = '') {
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? (done / secs).toFixed(1) : '0';
      if (stream.isTTY) {
        const width = 30;
        const filled = total ? Math.round((done / total) * width) : 0;
        const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
        stream.write(
          `\r${label} ${bar} ${done}/${total} (${rate}/s) ${note}`
            .slice(0, (stream.columns ?? 120) - 1)
            .padEnd(Math.min(stream.columns ?? 120, 120) - 1),
        );
        if (done === total) stream.write('\n');
      } else if (done === total || Date.now() - lastLine > 2000) {
        lastLine = Date.now();
        stream.write(`${label} ${done}/${total} (${rate}/s)\n`);
      }
    },
  };
}
