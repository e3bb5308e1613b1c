/**
 * Size limits on untrusted input files (the command-line indexer and the admin upload).
 *
 * A file's size on disk says little about the work it causes: a .docx is a zip that can unpack
 * to a thousand times its size, and a PDF can claim millions of pages. Each limit sits far
 * above any real notice (the largest seen are a few MB, a few hundred pages) and far below
 * what would exhaust the memory or the CPU of the process reading it (the portal itself, for
 * uploads). Readers refuse what exceeds a limit with the `too-large` reason, before the
 * expensive step.
 */

/** Largest file accepted at all: 50 MiB. Checked before anything is parsed. */
export const MAX_BYTES = 50 * 1024 * 1024;

/**
 * .docx: largest total uncompressed size of the zip's entries, from its central directory.
 * mammoth (through JSZip) holds what it unpacks in memory, several times over as strings and
 * XML trees.
 */
export const MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * .docx: most entries in the zip. Word writes 10–30 parts plus one per image. JSZip builds an
 * object per entry, and zip bombs that point many entries at the same compressed data need
 * many entries.
 */
export const MAX_DOCX_ENTRIES = 5_000;

/**
 * .docx: highest compression ratio (uncompressed / compressed) of one entry, applied to entries
 * of at least DOCX_RATIO_MIN_BYTES. Word XML compresses about 5–20:1; a run of zeros reaches
 * 1000:1, which is what zip bombs are made of. Small entries are exempt: a short, repetitive
 * part can compress well without costing anything.
 */
export const MAX_DOCX_COMPRESSION_RATIO = 100;
export const DOCX_RATIO_MIN_BYTES = 1024 * 1024;

/** PDF: most pages. Refused from the page count alone, before any page is read. */
export const MAX_PDF_PAGES = 2_000;

/**
 * PDF: most characters of extracted text, over all pages. A dense page holds a few thousand;
 * this bounds what is kept in memory when a page's content is far beyond anything printed.
 */
export const MAX_PDF_TEXT_CHARS = 20_000_000;

export type DocxLimits = { maxUnpackedBytes: number; maxEntries: number; maxRatio: number; ratioMinBytes: number };

export const DOCX_LIMITS: DocxLimits = {
  maxUnpackedBytes: MAX_DOCX_UNPACKED_BYTES,
  maxEntries: MAX_DOCX_ENTRIES,
  maxRatio: MAX_DOCX_COMPRESSION_RATIO,
  ratioMinBytes: DOCX_RATIO_MIN_BYTES,
};

export type PdfLimits = { maxPages: number; maxTextChars: number };

export const PDF_LIMITS: PdfLimits = { maxPages: MAX_PDF_PAGES, maxTextChars: MAX_PDF_TEXT_CHARS };

/** "12.3 MB" / "200 MB": sizes in messages. */
export function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
}

/**
 * Most paragraphs in one notice. The longest real notices have a few hundred; a file with
 * more is several notices bound together or not a notice at all, and would make a notice page
 * of tens of thousands of paragraphs (a 5 MB text of one notice repeated had 22 200).
 */
export const MAX_NOTICE_PARAGRAPHS = 10_000;
