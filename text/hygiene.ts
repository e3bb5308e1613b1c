/**
 * Characters no notice needs and that break what is built from its text, removed where text
 * enters the archive (indexer/parse/text.ts) and again where XML is written (the Atom feed).
 *
 * - XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates, and U+FFFE/U+FFFF:
 *   one of them in a notice made /api/feed.atom unparseable for every subscriber. The other
 *   noncharacters (U+FDD0–U+FDEF, U+nFFFE/U+nFFFF) are permitted by XML but "for internal use"
 *   and never text, so they go too.
 * - Bidirectional controls (embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069;
 *   the marks U+200E, U+200F, U+061C) let a unit name reverse the text shown beside it, e.g. the
 *   year on the results page. Published Chinese notices do not use them; their removal changes
 *   no character a reader sees.
 */

/** C0 controls but tab, LF, CR; lone surrogates (a `u` regex sees pairs as one code point); noncharacters. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\p{Cs}|\p{Noncharacter_Code_Point}/gu;
/** LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/** Without the characters XML 1.0 forbids (and the other noncharacters): safe in any XML text or attribute. */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Without bidirectional embedding, override, isolate and mark characters. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** What ingestion keeps of a text: neither XML-forbidden characters nor bidirectional controls. */
export function hygienicText(text: string): string {
  return withoutBidiControls(xmlSafe(text));
}
