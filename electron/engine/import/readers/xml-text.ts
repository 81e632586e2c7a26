/**
 * Just enough XML for the few small, machine-written parts read outside exceljs (workbook.xml,
 * its relationships, one cell's markup). Not a general parser, but linear in its input whatever
 * that input is: each character is looked at a bounded number of times (no backtracking regex).
 */

/** One start tag: `<name attributes>` or `<name attributes/>`. */
export interface XmlStartTag {
  /** The qualified name, e.g. `sheet` or `x:sheet`. */
  readonly name: string;
  /** Where the tag's `<` is. */
  readonly start: number;
  /** Where its `>` is. */
  readonly end: number;
  readonly selfClosing: boolean;
}

/** Text of an XML part that is not well-formed where these functions need it to be. */
export class XmlTextError extends Error {
  override readonly name = 'XmlTextError';
}

/** The start tags of `xml` in document order, skipping end tags, comments, CDATA and processing instructions. */
export function* xmlStartTags(xml: string): Generator<XmlStartTag> {
  for (let at = xml.indexOf('<'); at !== -1; ) {
    const next = xml.charCodeAt(at + 1);
    let resume: number;
    if (next === BANG) {
      const terminator = xml.startsWith('<!--', at) ? '-->' : xml.startsWith(CDATA_START, at) ? CDATA_END : '>';
      const end = xml.indexOf(terminator, at + 2);
      if (end === -1) throw new XmlTextError(`markup never closed at character ${at.toLocaleString('en')}`);
      resume = end + terminator.length;
    } else if (next === QUESTION || next === SLASH) {
      const end = xml.indexOf('>', at + 2);
      if (end === -1) throw new XmlTextError(`tag never closed at character ${at.toLocaleString('en')}`);
      resume = end + 1;
    } else {
      const end = startTagEnd(xml, at);
      if (end === -1) throw new XmlTextError(`tag never closed at character ${at.toLocaleString('en')}`);
      yield { name: xml.slice(at + 1, nameEnd(xml, at + 1, end)), start: at, end, selfClosing: xml.charCodeAt(end - 1) === SLASH };
      resume = end + 1;
    }
    at = xml.indexOf('<', resume);
  }
}

/**
 * Where the start tag opened at `start` ends: the index of its `>`, which may also stand inside a
 * quoted attribute value. -1 when it does not end in `xml`, or when a `<` shows it never will.
 */
export function startTagEnd(xml: string, start: number): number {
  return readStartTag(xml, { readTo: start + 1, quote: NO_QUOTE }).end;
}

/** How far a start tag was read without finding its end, and the quote of the attribute value open there. */
export interface StartTagProgress {
  readonly readTo: number;
  readonly quote: number;
}

/** No attribute value is open. */
export const NO_QUOTE = 0;

/**
 * Reads a start tag on from `progress` (where an earlier read stopped, at the end of the text it
 * had), so that a tag arriving in pieces is read once: `end` is the index of its `>`, or -1 with
 * how far it was read. A `<` shows the tag never ends: it is read no further.
 */
export function readStartTag(xml: string, progress: StartTagProgress): { end: number; progress: StartTagProgress } {
  let at = progress.readTo;
  if (progress.quote !== NO_QUOTE) {
    const close = xml.indexOf(progress.quote === QUOTE ? '"' : "'", at);
    if (close === -1) return { end: -1, progress: { readTo: xml.length, quote: progress.quote } };
    at = close + 1;
  }
  for (; at < xml.length; at++) {
    const code = xml.charCodeAt(at);
    if (code === GT) return { end: at, progress: { readTo: at, quote: NO_QUOTE } };
    if (code === LT) return { end: -1, progress: { readTo: at, quote: NO_QUOTE } };
    if (code === QUOTE || code === APOSTROPHE) {
      const close = xml.indexOf(code === QUOTE ? '"' : "'", at + 1);
      if (close === -1) return { end: -1, progress: { readTo: xml.length, quote: code } };
      at = close;
    }
  }
  return { end: -1, progress: { readTo: xml.length, quote: NO_QUOTE } };
}

/** The part of a qualified name after its namespace prefix: `sheet` for `x:sheet`. */
export function localName(qualifiedName: string): string {
  return qualifiedName.slice(qualifiedName.indexOf(':') + 1);
}

/** Attributes of one start tag's inner text (`r="A1" t="e"`), values decoded, by qualified name. */
export function parseXmlAttributes(tagText: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const length = tagText.length;
  let at = 0;
  while (at < length) {
    if (!isNameCharacter(tagText.charCodeAt(at))) {
      at++;
      continue;
    }
    const nameStart = at;
    while (at < length && isNameCharacter(tagText.charCodeAt(at))) at++;
    const name = tagText.slice(nameStart, at);
    at = skipSpace(tagText, at);
    // A name without `=` (the element's own name, or stray text) has no value.
    if (tagText.charCodeAt(at) !== EQUALS) continue;
    at = skipSpace(tagText, at + 1);
    const quote = tagText.charCodeAt(at);
    if (quote !== QUOTE && quote !== APOSTROPHE) continue;
    const close = tagText.indexOf(quote === QUOTE ? '"' : "'", at + 1);
    if (close === -1) break;
    attributes.set(name, decodeXmlText(tagText.slice(at + 1, close)));
    at = close + 1;
  }
  return attributes;
}

/** The attributes of every `<name …>` element (any namespace prefix) in document order. */
export function xmlElementsAttributes(xml: string, name: string): Map<string, string>[] {
  const elements: Map<string, string>[] = [];
  for (const tag of xmlStartTags(xml)) {
    if (localName(tag.name) === name) elements.push(parseXmlAttributes(xml.slice(tag.start + 1 + tag.name.length, tag.end)));
  }
  return elements;
}

/**
 * The first `<name …>` child in an element's content: its attributes and its text (decoded, up to
 * its first child or end tag; undefined when self-closing). Undefined when there is none.
 */
export function xmlChild(content: string, name: string): { attributes: Map<string, string>; text: string | undefined } | undefined {
  for (const tag of xmlStartTags(content)) {
    if (localName(tag.name) !== name) continue;
    const attributes = parseXmlAttributes(content.slice(tag.start + 1 + tag.name.length, tag.end));
    return { attributes, text: tag.selfClosing ? undefined : elementText(content, tag.end + 1) };
  }
  return undefined;
}

/**
 * An element's text, from `from` (just after its start tag) up to its first child or end tag:
 * references decoded, CDATA sections taken as written.
 */
export function elementText(content: string, from: number): string {
  let text = '';
  for (let at = from; ; ) {
    const markup = content.indexOf('<', at);
    text += decodeXmlText(content.slice(at, markup === -1 ? content.length : markup));
    if (markup === -1 || !content.startsWith(CDATA_START, markup)) return text;
    const end = content.indexOf(CDATA_END, markup + CDATA_START.length);
    if (end === -1) throw new XmlTextError(`CDATA section never closed at character ${markup.toLocaleString('en')}`);
    text += content.slice(markup + CDATA_START.length, end);
    at = end + CDATA_END.length;
  }
}

export const CDATA_START = '<![CDATA[';
const CDATA_END = ']]>';

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const MAX_CODE_POINT = 0x10ffff;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content with the predefined and numeric character references resolved. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  // Linear: each match starts at an `&` and its digits run to the next `;` or other character.
  return text.replace(ENTITY, (reference, body: string) => {
    if (!body.startsWith('#')) return NAMED_ENTITIES[body] ?? reference;
    const codePoint = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    // U+0000 is no XML character (and SQLite would end a stored text there): left as written, like a code point past Unicode.
    return codePoint > 0 && codePoint <= MAX_CODE_POINT ? String.fromCodePoint(codePoint) : reference;
  });
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const EQUALS = 0x3d;

/** Letters, digits, `_`, `:`, `.` and `-`: the characters of the names these parts use. */
export function isNameCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x3a) ||
    code === 0x5f ||
    code === 0x2e ||
    code === 0x2d
  );
}

/** XML's white space: space, tab, line feed, carriage return. */
export function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isXmlSpace(text.charCodeAt(at))) at++;
  return at;
}

function nameEnd(xml: string, from: number, tagEnd: number): number {
  let at = from;
  while (at < tagEnd && !isXmlSpace(xml.charCodeAt(at)) && xml.charCodeAt(at) !== SLASH) at++;
  return at;
}
