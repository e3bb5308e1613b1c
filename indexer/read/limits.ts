/**
 * Size limits on untrusted input files (the command-line indexer and the admin upload).
 *
 * A file's size on disk says little about the work it causes: a .docx is a zip that can unpack
 * to a thousand times its size, and a PDF can claim millions of pages. Each limit sits above
 * any real notice (the largest seen are a few MB, a few hundred pages). Readers refuse what
 * exceeds a limit with the `too-large` reason, before the expensive step.
 *
 * The static limits cannot bound everything (a PDF page's content stream, the time a parser
 * takes), so files are read in a child process with a heap cap and a time limit
 * (indexer/workers/reader.ts): what gets past the limits here costs a refusal, not the process.
 * The docx limit on Word XML follows from that cap and the memory mammoth was measured to need.
 */

/** Largest file accepted at all: 50 MiB. Checked before anything is parsed. */
export const MAX_BYTES = 50 * 1024 * 1024;

/**
 * .docx: largest total uncompressed size of the zip's entries, from its central directory.
 * Images count here; mammoth leaves them packed (the portal does not convert them).
 */
export const MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * Heap cap of the child process that reads a file (--max-old-space-size), in MiB;
 * INDEX_READ_MEMORY_MB overrides it. A file that needs more is refused (`too-large`).
 */
export const READ_MEMORY_MB = 1024;

/** Time one file may take to read (ms); INDEX_READ_SECONDS overrides it. Real notices take under 2 s. */
export const READ_TIME_LIMIT_MS = 60_000;

/**
 * .docx: largest total uncompressed size of the Word XML parts (`*.xml`, `*.rels`), which
 * mammoth parses whole. Measured (docs/security.md): reading takes up to about 240 bytes of
 * memory per unpacked byte of XML made of tiny paragraphs (the worst case: an object for every
 * few bytes), about 40 per byte of ordinary paragraphs. 4 MiB × 240 ≈ 960 MiB stays under
 * READ_MEMORY_MB; a real notice's document.xml is well under 1 MiB.
 */
export const MAX_DOCX_XML_BYTES = 4 * 1024 * 1024;

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

export type DocxLimits = { maxUnpackedBytes: number; maxXmlBytes: number; maxEntries: number; maxRatio: number; ratioMinBytes: number };

export const DOCX_LIMITS: DocxLimits = {
  maxUnpackedBytes: MAX_DOCX_UNPACKED_BYTES,
  maxXmlBytes: MAX_DOCX_XML_BYTES,
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
