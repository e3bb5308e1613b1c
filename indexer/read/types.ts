/**
 * Result types shared by the readers in `indexer/read/`. Kept in their own module so the
 * format readers and `read-file.ts` can import them without a cycle.
 */

export type ReadFormat = 'txt' | 'docx' | 'html' | 'pdf';

/**
 * Why a file could not be turned into text.
 * - empty: zero bytes.
 * - too-large: over a limit of limits.ts, refused before the expensive step: larger than
 *   MAX_BYTES, a .docx that unpacks to too much (zip bomb), a PDF with too many pages or text.
 * - binary: not text in any encoding we know (NUL bytes, control characters, an image named .txt).
 * - truncated: the container is cut short (zip without central directory, PDF that cannot be repaired).
 * - encrypted: password-protected docx (OLE EncryptedPackage) or PDF that needs a user password.
 * - unsupported-format: a real format we do not read (.doc, .xlsx, .wps, images, archives).
 * - no-text: parsed fine but there is no text (scanned PDF, empty document, page without article body).
 * - corrupt: claims to be a format but is not a valid instance of it.
 */
export type ReadFailure = 'empty' | 'too-large' | 'binary' | 'truncated' | 'encrypted' | 'unsupported-format' | 'no-text' | 'corrupt';

export type ReadSuccess = {
  ok: true;
  /** Clean plain text, lines separated by \n, as published (see clean.ts for what is removed). */
  text: string;
  format: ReadFormat;
  /** Character encoding the bytes were decoded from (txt and html only), e.g. 'utf-8', 'gb18030'. */
  encoding?: string;
  /** Human-readable notes (Chinese + English) about guesses and repairs; never fatal. */
  warnings: string[];
};

export type ReadError = {
  ok: false;
  reason: ReadFailure;
  /** One clear sentence, Chinese first then English in parentheses, for the CLI and the API. */
  message: string;
};

export type ReadResult = ReadSuccess | ReadError;

/** What a single format reader returns before the common clean-up. */
export type Extracted = { ok: true; text: string; encoding?: string; warnings: string[] } | ReadError;

export function fail(reason: ReadFailure, message: string): ReadError {
  return { ok: false, reason, message };
}
