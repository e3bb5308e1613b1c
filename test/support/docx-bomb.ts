/**
 * A .docx that passes the zip checks (compression about 16:1, far under 100:1) but whose Word
 * XML is made of tiny paragraphs, the most expensive shape for mammoth: an XML element for
 * every few bytes. Built in memory in about a second for a few MiB of XML.
 */
import JSZip from 'jszip';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** `xmlBytes`: about how large word/document.xml unpacks. */
export async function tinyParagraphDocx(xmlBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < xmlBytes; i++) {
    // Numbers that keep changing: a repeated run would compress past the 100:1 ratio limit.
    const p = `<w:p><w:r><w:t>${i}</w:t></w:r></w:p>`;
    parts.push(p);
    n += p.length;
  }
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', RELS);
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${parts.join('')}</w:body></w:document>`,
  );
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
