/**
 * Just enough XML for the few small, machine-written parts read outside exceljs
 * (workbook.xml, its relationships, one cell's markup). Not a general parser.
 */

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const MAX_CODE_POINT = 0x10ffff;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Attributes of one start tag's inner text (`r="A1" t="e"`), values decoded, by qualified name. */
export function parseXmlAttributes(tagText: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tagText.matchAll(ATTRIBUTE)) {
    const [, name, doubleQuoted, singleQuoted] = match;
    if (name !== undefined) attributes.set(name, decodeXmlText(doubleQuoted ?? singleQuoted ?? ''));
  }
  return attributes;
}

/** The attributes of every `<name …>` element (any namespace prefix) in document order. */
export function xmlElementsAttributes(xml: string, localName: string): Map<string, string>[] {
  const element = new RegExp(`<(?:[\\w.-]+:)?${localName}(\\s[^>]*?)?/?>`, 'g');
  return [...xml.matchAll(element)].map((match) => parseXmlAttributes(match[1] ?? ''));
}

/** Text content with the predefined and numeric character references resolved. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (reference, body: string) => {
    if (!body.startsWith('#')) return NAMED_ENTITIES[body] ?? reference;
    const codePoint = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return codePoint <= MAX_CODE_POINT ? String.fromCodePoint(codePoint) : reference;
  });
}
