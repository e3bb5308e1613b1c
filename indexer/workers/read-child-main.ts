/**
 * Inside the isolated reader's child process: answers { id, bytes, fileName } with
 * { id, result } (a ReadResult) or { id, error }, one file at a time. The parent decides
 * when a file has taken too long; the heap cap (--max-old-space-size) ends this process,
 * and only this one, when a file needs more.
 */
import { readNotice } from '../read/read-file.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('indexer/workers/read-child-main.ts must run as a child process with an IPC channel');

process.on('message', async (msg: { id: number; bytes: Uint8Array; fileName: string }) => {
  try {
    send({ id: msg.id, result: await readNotice(msg.bytes, msg.fileName) });
  } catch (e) {
    send({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
// The parent going away ends the reader too.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
