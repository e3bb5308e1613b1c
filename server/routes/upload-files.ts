/**
 * The admin upload's multipart/form-data body, streamed to files on disk as it arrives.
 *
 * Hono's parseBody (the Fetch API's formData()) holds the whole body in memory and parses it
 * in one go on the event loop: a 45 MiB text upload kept every search waiting 26 s, and a body
 * of 400,000 tiny parts took 15 s to be refused (issue 25). Here each chunk is scanned for the
 * boundary and written out as it comes, and a body is refused as soon as it breaks a limit
 * (too many parts, a file too large, headers too long) with a 4xx and the reason, without
 * reading the rest. Multipart as in RFC 7578 / RFC 2046 §5.1.1; what browsers, curl and
 * fetch's FormData send.
 */
import fs from 'node:fs';
import path from 'node:path';

export type UploadedFile = { fileName: string; path: string; bytes: number };

export type UploadLimits = {
  /** File parts accepted (field "files"). */
  maxFiles: number;
  /** Parts of any kind: a few fields besides the files are tolerated, a flood is not. */
  maxParts: number;
  maxFileBytes: number;
  /** Bytes of one part's headers. */
  maxHeaderBytes: number;
};

/** A refusal of the body, with the HTTP status and error code the API answers with. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** The boundary of a multipart/form-data Content-Type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^multipart\/form-data\s*(;|$)/iu.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/iu.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/**
 * A file name to keep as a label: control characters (NUL, CR, LF and the rest), bidirectional
 * controls and noncharacters removed, path separators replaced, at most 200 characters; never
 * empty. It is never used as a path (files are stored by their sha256).
 */
export function safeFileName(name: string): string {
  const clean = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/gu, '')
    .replace(/[\\/]/gu, '_')
    .trim();
  return [...clean].slice(0, 200).join('') || 'upload';
}

/** filename="…" or RFC 5987 filename*=UTF-8''… of a Content-Disposition header; undefined for a plain field. */
export function dispositionOf(header: string): { name?: string; fileName?: string } {
  const param = (key: string) => {
    const quoted = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'iu').exec(header);
    if (quoted) return quoted[1]!.replace(/\\(.)/gu, '$1');
    return new RegExp(`;\\s*${key}=([^;\\s]+)`, 'iu').exec(header)?.[1];
  };
  const extended = /;\s*filename\*=(?:UTF-8|utf-8)''([^;\s]+)/u.exec(header)?.[1];
  let fileName = param('filename');
  if (extended) {
    try {
      fileName = decodeURIComponent(extended);
    } catch {
      /* a broken encoding: keep the plain filename */
    }
  }
  const name = param('name');
  return { ...(name !== undefined ? { name } : {}), ...(fileName !== undefined ? { fileName } : {}) };
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Reads the body into files under the folder `folder()` names (created when the first file
 * arrives; the caller removes it). Resolves with the
 * files of field "files" in order; rejects with UploadRefused for a body that breaks a limit
 * or is not multipart, and with the file system's error (ENOSPC…) when a file cannot be written.
 */
export async function receiveFiles(
  body: AsyncIterable<Uint8Array> | null,
  contentType: string,
  folder: () => string,
  limits: UploadLimits,
): Promise<UploadedFile[]> {
  const boundary = multipartBoundary(contentType);
  if (!boundary)
    throw new UploadRefused(
      415,
      'unsupported_media_type',
      '请以 multipart/form-data 上传，字段名 files (upload files as multipart/form-data, field "files")',
    );
  if (!body) throw new UploadRefused(400, 'invalid_parameter', '没有上传文件：字段名应为 files (no files in field "files")', 'files');
  let dir: string | undefined;
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const files: UploadedFile[] = [];
  let parts = 0;
  type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';
  let state = 'preamble' as State;
  let buf: Buffer = Buffer.alloc(0);
  let sink: { fd: number; file?: UploadedFile } | undefined;

  const refuse = (status: 400 | 413, message: string): never => {
    throw new UploadRefused(status, status === 413 ? 'too_large' : 'invalid_parameter', message, 'files');
  };
  const write = (data: Buffer) => {
    if (!sink || !data.length) return;
    if (sink.file) {
      sink.file.bytes += data.length;
      if (sink.file.bytes > limits.maxFileBytes)
        refuse(
          413,
          `文件 ${sink.file.fileName} 过大，单个文件不超过 ${limits.maxFileBytes / 1024 / 1024} MB (file too large: at most ${limits.maxFileBytes / 1024 / 1024} MB each)`,
        );
      fs.writeSync(sink.fd, data);
    }
  };
  const closeSink = () => {
    if (sink && sink.fd >= 0) fs.closeSync(sink.fd);
    sink = undefined;
  };
  const startPart = (headerBlock: string) => {
    parts++;
    if (parts > limits.maxParts)
      refuse(
        400,
        `上传内容的部分过多：超过 ${limits.maxParts} 个，一次最多上传 ${limits.maxFiles} 个文件 (too many parts in the upload: more than ${limits.maxParts}; at most ${limits.maxFiles} files at once)`,
      );
    // To the end of the headers: a raw CR LF inside a quoted file name (hand-made clients)
    // must neither cut the name short nor fail the request; the quotes say where it ends.
    const disposition = /(?:^|\r\n)content-disposition[ \t]*:(.*)$/isu.exec(headerBlock)?.[1];
    const { name, fileName } = dispositionOf(disposition ?? '');
    if (name !== 'files' || fileName === undefined) {
      sink = { fd: -1 };
      return;
    }
    if (files.length >= limits.maxFiles) refuse(400, `一次最多上传 ${limits.maxFiles} 个文件 (at most ${limits.maxFiles} files at once)`);
    if (dir === undefined) {
      dir = folder();
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    const file: UploadedFile = { fileName: safeFileName(fileName), path: path.join(dir, `${files.length}.upload`), bytes: 0 };
    sink = { fd: fs.openSync(file.path, 'wx', 0o600), file };
    files.push(file);
  };

  try {
    for await (const chunk of body) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let progress = true; progress && (state as State) !== 'done'; ) {
        progress = false;
        if (state === 'preamble') {
          const at = buf.indexOf(first);
          if (at < 0) {
            if (buf.length > limits.maxHeaderBytes)
              refuse(400, '不是有效的 multipart/form-data 内容 (not a valid multipart/form-data body)');
            break;
          }
          buf = buf.subarray(at + first.length);
          state = 'after-delimiter';
          progress = true;
        } else if (state === 'after-delimiter') {
          if (buf.length < 2) break;
          if (buf[0] === 0x2d && buf[1] === 0x2d) {
            state = 'done';
            break;
          }
          // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
          const eol = buf.indexOf(CRLF);
          if (eol < 0) {
            if (buf.length > 1024) refuse(400, '不是有效的 multipart/form-data 内容 (not a valid multipart/form-data body)');
            break;
          }
          if (!/^[ \t]*$/u.test(buf.subarray(0, eol).toString('latin1')))
            refuse(400, '不是有效的 multipart/form-data 内容 (not a valid multipart/form-data body)');
          buf = buf.subarray(eol + 2);
          state = 'headers';
          progress = true;
        } else if (state === 'headers') {
          // A part with no headers at all starts with the blank line itself.
          const end = buf.subarray(0, 2).equals(CRLF) ? -2 : buf.indexOf(HEADER_END);
          if (end === -1) {
            if (buf.length > limits.maxHeaderBytes)
              refuse(400, `上传内容的头部过长 (a part's headers are longer than ${limits.maxHeaderBytes} bytes)`);
            break;
          }
          const headerBlock = end === -2 ? '' : buf.subarray(0, end).toString('utf8');
          buf = buf.subarray(end === -2 ? 2 : end + 4);
          startPart(headerBlock);
          state = 'body';
          progress = true;
        } else if (state === 'body') {
          const at = buf.indexOf(delimiter);
          if (at >= 0) {
            write(buf.subarray(0, at));
            closeSink();
            buf = buf.subarray(at + delimiter.length);
            state = 'after-delimiter';
            progress = true;
          } else {
            // Keep what could be the start of a delimiter split across chunks.
            const keep = Math.min(buf.length, delimiter.length - 1);
            write(buf.subarray(0, buf.length - keep));
            buf = Buffer.from(buf.subarray(buf.length - keep));
          }
        }
      }
      if (state === 'done') break;
    }
  } finally {
    closeSink();
  }
  if (state !== 'done') refuse(400, '上传内容不完整：缺少结束分隔符 (the upload is incomplete: the closing boundary is missing)');
  if (!files.length)
    throw new UploadRefused(400, 'invalid_parameter', '没有上传文件：字段名应为 files (no files in field "files")', 'files');
  return files;
}
