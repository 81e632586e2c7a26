/**
 * Leaves only a string's own text between the elements of the shared-strings part, as it streams
 * (after RootPrefixRemover, so names are bare and CDATA is text): phonetic readings (`rPh`, which
 * Excel writes for Japanese input) are dropped whole, and whitespace outside any `<t>` (a
 * pretty-printed part's indentation) is dropped. The line breaks of what is dropped are handed on
 * in a comment before the next markup kept, so the XML parser's error positions keep their lines.
 *
 * Why: exceljs's shared-strings reader appends every text it meets to the string, and a `<t>`
 * starts the string over: `<si><t>東京</t><rPh><t>トウキョウ</t></rPh></si>` would read as
 * `トウキョウ`, and `<si>\n<t>a</t>\n</si>` as `a\n`. A string's value is its `<t>` text only.
 * Text other than whitespace outside a `<t>` (inside the root element; the parser judges the rest)
 * is no part of any string in the schema; it is refused rather than guessed at. Text inside a `<t>`
 * passes exactly as written.
 *
 * Linear in the input; it holds back at most the few characters that decide what a `<` opens (a
 * comment, or a tag named `t` or `rPh`) or that may end a comment.
 */
export class SharedStringsTextFilter {
  /** Open elements (outside any `rPh`): text outside the root element is the parser's to judge. */
  private depth = 0;
  /** Open `t` elements (outside any `rPh`): text here is a string's. */
  private openT = 0;
  /** Line breaks dropped and not yet handed on. */
  private droppedBreaks = 0;
  /** Elements open inside the `rPh` being dropped, itself included; 0 when none is. */
  private phoneticDepth = 0;
  /** What ends the comment or processing instruction being passed. */
  private sectionEnd: string | undefined;
  /** The tag being passed, up to its `>`. */
  private tag: Tag | undefined;
  /** The start of markup not yet decided, held until the next text arrives. */
  private pending = '';

  /** The text to hand on for this piece; `final` for the last (possibly empty) piece. */
  push(text: string, final = false): string {
    const input = this.pending + text;
    this.pending = '';
    const out: string[] = [];
    // Text is handed on in runs: `kept` is where the run not yet handed on starts.
    let kept = 0;
    const keep = (to: number) => {
      if (to <= kept) return;
      if (this.droppedBreaks > 0) out.push(`<!--${'\n'.repeat(this.droppedBreaks)}-->`);
      this.droppedBreaks = 0;
      out.push(input.slice(kept, to));
    };
    const drop = (from: number, to: number) => {
      keep(from);
      for (let at = from; at < to; at++) if (input.charCodeAt(at) === LINE_FEED) this.droppedBreaks++;
      kept = to;
    };
    let i = 0;
    while (i < input.length) {
      if (this.sectionEnd !== undefined) {
        const end = input.indexOf(this.sectionEnd, i);
        // Keep the characters that may start the terminator split by the next piece.
        const next = end !== -1 ? end + this.sectionEnd.length : final ? input.length : Math.max(i, input.length - (this.sectionEnd.length - 1));
        if (this.phoneticDepth > 0) drop(i, next);
        if (end !== -1) this.sectionEnd = undefined;
        if (next === i) break;
        i = next;
        continue;
      }
      if (this.tag !== undefined) {
        const tag = this.tag;
        const close = tagEnd(input, i, tag);
        const next = close === -1 ? input.length : close + 1;
        if (!tag.kept) drop(i, next);
        i = next;
        if (close === -1) break;
        this.tag = undefined;
        this.closeTag(tag);
        continue;
      }
      const lt = input.indexOf('<', i);
      const textEnd = lt === -1 ? input.length : lt;
      if (textEnd > i && this.phoneticDepth > 0) drop(i, textEnd);
      else if (textEnd > i && this.openT === 0 && this.depth > 0) {
        if (!isWhitespace(input, i, textEnd)) throw new Error(`text outside a string's <t> element ("${input.slice(i, textEnd).trim().slice(0, 40)}")`);
        drop(i, textEnd);
      }
      i = textEnd;
      if (lt === -1 || !this.openMarkup(input, lt, final)) break;
    }
    // An unfinished start of markup at the very end is handed on as it is, for the XML parser to refuse.
    keep(final ? input.length : i);
    if (final && this.droppedBreaks > 0) out.push(`<!--${'\n'.repeat(this.droppedBreaks)}-->`);
    this.pending = final ? '' : input.slice(i);
    return out.join('');
  }

  /** Takes up the comment, processing instruction or tag at `lt`; false when more text is needed to tell which. */
  private openMarkup(input: string, lt: number, final: boolean): boolean {
    const second = input[lt + 1];
    for (const [start, end] of second === '!' || second === '?' || second === undefined ? SECTIONS : []) {
      if (input.startsWith(start, lt)) {
        this.sectionEnd = end;
        return true;
      }
      if (!final && input.length - lt < start.length && start.startsWith(input.slice(lt))) return false;
    }
    const isEnd = second === '/';
    const nameStart = lt + (isEnd ? 2 : 1);
    // Only the names `t` and `rPh` matter, so a name is read to its fourth character at most.
    let nameEnd = nameStart;
    while (nameEnd < Math.min(input.length, nameStart + LONGEST_NAME + 1) && !NAME_ENDS.includes(input[nameEnd] ?? '')) nameEnd++;
    if (!final && nameEnd === input.length && nameEnd < nameStart + LONGEST_NAME + 1) return false;
    const name = input.slice(nameStart, nameEnd);
    const role: Tag['role'] = this.phoneticDepth > 0 ? 'phonetic' : name === 'rPh' && !isEnd ? 'rPh' : name === 't' ? 't' : 'other';
    this.tag = { role, isEnd, kept: role === 't' || role === 'other', quote: '', last: '' };
    return true;
  }

  /** Counts the elements a finished tag opens or closes. */
  private closeTag({ role, isEnd, last }: Tag): void {
    if (last === '/') return;
    if (role === 'phonetic') this.phoneticDepth += isEnd ? -1 : 1;
    else if (role === 'rPh') this.phoneticDepth = 1;
    else this.depth += isEnd ? -1 : 1;
    if (role === 't') this.openT += isEnd ? -1 : 1;
  }
}

/** A tag being passed: what it is, and where its scan for `>` stands. */
interface Tag {
  /** Inside a dropped `rPh`, the `rPh` start tag itself, a `t` tag, or any other. */
  readonly role: 'phonetic' | 'rPh' | 't' | 'other';
  readonly isEnd: boolean;
  readonly kept: boolean;
  /** The quote of the attribute value open at the scan's end; '' when none is. */
  quote: string;
  /** The last character scanned outside quotes (`/` before `>` closes an empty element). */
  last: string;
}

/** Where the tag ends in `input` from `from` (its `>`, outside quoted attribute values); -1 when not yet. */
function tagEnd(input: string, from: number, tag: Tag): number {
  const end = input.indexOf('>', from);
  // The common tag: no quote before its `>`, so its last character tells whether it is empty.
  if (tag.quote === '' && end !== -1 && end > from && !hasQuote(input, from, end)) {
    tag.last = input[end - 1] ?? '';
    return end;
  }
  for (let i = from; i < input.length; i++) {
    const character = input[i] ?? '';
    if (tag.quote !== '') {
      if (character === tag.quote) tag.quote = '';
      tag.last = '';
    } else if (character === '>') {
      return i;
    } else {
      if (character === '"' || character === "'") tag.quote = character;
      tag.last = character;
    }
  }
  return -1;
}

/** The text from `from` to `to` holds a quote. */
function hasQuote(input: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x22 || code === 0x27) return true;
  }
  return false;
}

/** The text from `from` to `to` is XML whitespace only. */
function isWhitespace(input: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = input.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

/** Markup passed through whole (or dropped whole inside an `rPh`), by how it starts and ends. */
const SECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['<!--', '-->'],
  ['<?', '?>'],
];

const LINE_FEED = 0x0a;

/** What ends an element name in a tag. */
const NAME_ENDS = [' ', '\t', '\n', '\r', '/', '>'];

/** The length of the longest name the filter tells apart (`rPh`). */
const LONGEST_NAME = 3;
