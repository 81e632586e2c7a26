/**
 * Takes the root element's namespace prefix off every element name of an XML part as it streams:
 * `<x:worksheet><x:sheetData><x:row>` reads as `<worksheet><sheetData><row>`.
 *
 * Why: some systems export valid SpreadsheetML with its namespace bound to a prefix. exceljs
 * matches elements by their bare names, so it would read such a sheet as holding no rows, its
 * shared strings as none and its number formats as absent, all without an error. Only the root's
 * own prefix is taken off: that namespace is the part's vocabulary, and the elements of any other
 * namespace (`mc:`, `x14ac:`) keep theirs, which exceljs passes over either way. Nothing else
 * changes: markup cannot occur in text or attribute values unescaped, and CDATA sections,
 * comments and processing instructions are passed through whole. A part without a prefix on its
 * root passes through untouched, at no cost.
 *
 * With `cdataAsText`, CDATA sections are also written as the escaped text they stand for
 * (`<![CDATA[a<b]]>` as `a&lt;b`): exceljs's shared-strings reader takes no CDATA, and would read
 * every string written in one as empty. The text it reads is the same characters either way.
 *
 * Linear in the input; it holds back at most the few characters that decide what a `<` opens.
 */
export class RootPrefixRemover {
  /** `prefix:` of the root element; '' when it has none; undefined until its start tag is read. */
  private prefix: string | undefined;
  /** What ends the CDATA section, comment or processing instruction being passed through. */
  private sectionEnd: string | undefined;
  /** The start of markup not yet decided, held until the next text arrives. */
  private pending = '';

  constructor(private readonly options: { readonly cdataAsText?: boolean } = {}) {}

  /** The text to hand on for this piece; `final` for the last (possibly empty) piece. */
  push(text: string, final = false): string {
    const input = this.pending + text;
    this.pending = '';
    if (this.prefix === '' && this.sectionEnd === undefined && this.options.cdataAsText !== true) return input;
    const out: string[] = [];
    let i = 0;
    while (i < input.length) {
      if (this.sectionEnd !== undefined) {
        const asText = this.sectionAsText();
        const end = input.indexOf(this.sectionEnd, i);
        if (end === -1) {
          // Keep the characters that may start the terminator split by the next piece.
          const keep = final ? input.length : Math.max(i, input.length - (this.sectionEnd.length - 1));
          out.push(asText ? escapeText(input.slice(i, keep)) : input.slice(i, keep));
          i = keep;
          break;
        }
        out.push(asText ? escapeText(input.slice(i, end)) : input.slice(i, end + this.sectionEnd.length));
        i = end + this.sectionEnd.length;
        this.sectionEnd = undefined;
        continue;
      }
      const lt = input.indexOf('<', i);
      if (lt === -1) {
        out.push(input.slice(i));
        i = input.length;
        break;
      }
      out.push(input.slice(i, lt));
      i = lt;
      const decided = this.decide(input, lt, final);
      if (decided === undefined) break;
      out.push(decided.markup);
      i = decided.next;
    }
    this.pending = input.slice(i);
    return out.join('');
  }

  /** What the markup at `lt` is written as, and where to go on; undefined when more text is needed. */
  private decide(input: string, lt: number, final: boolean): { markup: string; next: number } | undefined {
    const available = input.length - lt;
    for (const [start, end] of SECTIONS) {
      if (input.startsWith(start, lt)) {
        this.sectionEnd = end;
        return { markup: this.sectionAsText() ? '' : start, next: lt + start.length };
      }
      if (!final && available < start.length && start.startsWith(input.slice(lt))) return undefined;
    }
    if (this.prefix === undefined) {
      const nameEnd = input.slice(lt + 1, lt + 1 + MAX_ROOT_NAME).search(/[\s/>]/);
      if (nameEnd === -1 && !final && available <= MAX_ROOT_NAME) return undefined;
      const name = input.slice(lt + 1, nameEnd === -1 ? lt + 1 : lt + 1 + nameEnd);
      const colon = name.indexOf(':');
      this.prefix = colon > 0 ? name.slice(0, colon + 1) : '';
    }
    const prefix = this.prefix;
    // Without a prefix to take off, only CDATA sections (to write as text) need finding.
    if (prefix === '') return this.options.cdataAsText === true ? { markup: '<', next: lt + 1 } : { markup: input.slice(lt), next: input.length };
    if (!final && available < prefix.length + 2) return undefined;
    if (input.startsWith(prefix, lt + 1)) return { markup: '<', next: lt + 1 + prefix.length };
    if (input.startsWith(`/${prefix}`, lt + 1)) return { markup: '</', next: lt + 2 + prefix.length };
    return { markup: '<', next: lt + 1 };
  }

  /** The section being passed is CDATA, to be written as escaped text. */
  private sectionAsText(): boolean {
    return this.sectionEnd === CDATA_END && this.options.cdataAsText === true;
  }
}

/** CDATA text as escaped character data; `>` too, since `]]>` may not stand in text. */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
}

const CDATA_END = ']]>';

/** Markup passed through whole, by how it starts and ends. `<!DOCTYPE` is refused before this runs. */
const SECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['<![CDATA[', CDATA_END],
  ['<!--', '-->'],
  ['<?', '?>'],
];

/** A root element name longer than this is not SpreadsheetML's; such a part passes through as it is. */
const MAX_ROOT_NAME = 256;
