import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { TextDecoder } from 'node:util';
import Papa from 'papaparse';
import type { Cell, RawRow } from '../../../../shared/import/cell';
import { MAX_CELL_CHARACTERS, MIB, SourceRefusedError } from './refusal';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t' | '|';
type CsvNewline = '\r\n' | '\n' | '\r';

/** How a CSV file is written, detected from its first 64 KiB. */
export interface CsvDialect {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  /** The line break that ends records: the first one found outside quotes. */
  readonly newline: CsvNewline;
}

export interface CsvRowsOptions {
  readonly signal?: AbortSignal;
  /** Bytes of the file read so far, of its size. */
  readonly onBytes?: (bytesRead: number, totalBytes: number) => void;
}

/** A CSV file is read as one sheet, named after the file. */
export function csvSheetName(path: string): string {
  return basename(path, extname(path));
}

/**
 * Encoding: a byte-order mark decides; without one, UTF-8 if the sample is valid UTF-8, else
 * Windows-1252 (what Excel on Windows writes for "CSV"). Delimiter: the candidate that splits the
 * first records into the most consistent number of fields (papaparse's guess, quotes respected).
 */
export async function detectCsvDialect(path: string): Promise<CsvDialect> {
  const sample = await readSample(path);
  const encoding = detectEncoding(sample);
  const text = new TextDecoder(encoding).decode(sample, { stream: true });
  const newline = detectNewline(text);
  const guess = Papa.parse<string[]>(text, { delimitersToGuess: [...DELIMITERS], newline, skipEmptyLines: true, preview: 1 });
  const delimiter = DELIMITERS.find((candidate) => candidate === guess.meta.delimiter) ?? ',';
  return { encoding, delimiter, newline };
}

/**
 * Streams the records of a CSV file, one batch per chunk read. Row numbers are 1-based record
 * numbers: a quoted field that spans several lines still makes one record, so a row number counts
 * records, not text lines (the numbering a spreadsheet shows after opening the file). Cells are
 * strings, '' is null, trailing empty cells are trimmed, and records with no value are skipped
 * (their numbers still count).
 */
export async function* readCsvRows(path: string, dialect: CsvDialect, options: CsvRowsOptions = {}): AsyncGenerator<RawRow[]> {
  const decoder = new TextDecoder(dialect.encoding, { fatal: true });
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline });
  // Text read but not parsed yet: it starts with the record the last parse left unfinished.
  let unparsed = '';
  let unfinished = 0;
  let recordNumber = 0;
  let bytesRead = 0;
  const { size } = await stat(path);
  options.onBytes?.(bytesRead, size);

  const parseRows = (final: boolean): RawRow[] => {
    // Unless final, the last record may continue in the next chunk: papaparse leaves it unparsed.
    const parsed = parser.parse(unparsed, 0, !final) as ParsedChunk;
    const error = parsed.errors.find((candidate) => final || candidate.row < parsed.data.length);
    if (error !== undefined) throw malformedRecord(recordNumber + error.row + 1, error.message);
    const rows: RawRow[] = [];
    // One search of the text, not one per cell: a NUL is not text a spreadsheet writes, and stored
    // it would end the value wherever SQLite reads it as a C string (its printf and quote()).
    const holdsNul = unparsed.includes(NUL);
    for (const fields of parsed.data) {
      recordNumber++;
      if (holdsNul && fields.some((field) => field.includes(NUL))) {
        throw nulInRecord(recordNumber);
      }
      const cells = recordCells(fields, recordNumber);
      if (cells.length > 0) rows.push({ rowNumber: recordNumber, cells });
    }
    unparsed = unparsed.slice(parsed.meta.cursor);
    unfinished = unparsed.length;
    if (unfinished > MAX_RECORD_CHARS) {
      throw malformedRecord(
        recordNumber + 1,
        `it runs on past ${MAX_RECORD_CHARS.toLocaleString('en')} characters, far beyond any genuine row: ` +
          'a quote is probably never closed, or the line never ends',
      );
    }
    return rows;
  };

  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
    options.signal?.throwIfAborted();
    const bytes = chunk as Buffer;
    unparsed += decode(decoder, bytes, dialect.encoding, bytesRead);
    bytesRead += bytes.length;
    options.onBytes?.(bytesRead, size);
    // A long unfinished record is parsed again only once as much new text has come: linear, not quadratic.
    if (unparsed.length - unfinished >= unfinished) yield parseRows(false);
  }
  unparsed += decode(decoder, undefined, dialect.encoding, bytesRead);
  yield parseRows(true);
}

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];
const NUL = '\u0000';
const SAMPLE_BYTES = 64 * 1024;
/** Small chunks keep each batch of rows short-lived, which the garbage collector reclaims cheaply. */
const READ_CHUNK_BYTES = 64 * 1024;
/**
 * The most text one record may hold, as for a workbook row (MAX_ROW_XML_BYTES): no genuine record
 * comes near it, and an unclosed quote or a file without line breaks would otherwise be held whole.
 */
const MAX_RECORD_CHARS = 16 * MIB;

/** What papaparse's low-level Parser returns (its typings say `any`). */
interface ParsedChunk {
  readonly data: string[][];
  readonly errors: ReadonlyArray<{ readonly row: number; readonly message: string }>;
  readonly meta: { readonly cursor: number };
}

async function readSample(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function detectEncoding(sample: Buffer): CsvEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    // `stream` keeps a character cut by the end of the sample from counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function detectNewline(text: string): CsvNewline {
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n') return '\n';
    else if (!quoted && char === '\r') return text[at + 1] === '\n' || at + 1 === text.length ? '\r\n' : '\r';
  }
  return '\n';
}

function decode(decoder: TextDecoder, chunk: Buffer | undefined, encoding: CsvEncoding, offset: number): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch (cause) {
    throw new SourceRefusedError(
      'corrupt',
      `The file starts as ${encoding.toUpperCase()} text but holds bytes that are not ${encoding.toUpperCase()} ` +
        `after byte ${offset.toLocaleString('en')}: it mixes encodings. Open it in a spreadsheet or text editor and ` +
        'save it again as CSV UTF-8.',
      { cause },
    );
  }
}

function recordCells(fields: string[], recordNumber: number): Cell[] {
  // The parser's array is reused in place: one allocation per record is all a million rows can afford.
  const cells: Cell[] = fields;
  let filled = 0;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index] ?? '';
    if (field.length > MAX_CELL_CHARACTERS) throw oversizedField(recordNumber, index, field.length);
    if (field === '') cells[index] = null;
    else filled = index + 1;
  }
  cells.length = filled;
  return cells;
}

function oversizedField(recordNumber: number, index: number, length: number): SourceRefusedError {
  return new SourceRefusedError(
    'too-large',
    `The CSV file's record ${recordNumber.toLocaleString('en')}, field ${index + 1}, holds ${length.toLocaleString('en')} ` +
      `characters; a spreadsheet cell holds at most ${MAX_CELL_CHARACTERS.toLocaleString('en')} (Excel's limit). ` +
      'Check the quoting there, or export the file again, then import it.',
  );
}

function nulInRecord(recordNumber: number): SourceRefusedError {
  return new SourceRefusedError(
    'corrupt',
    `The CSV file's record ${recordNumber.toLocaleString('en')} holds a NUL character (U+0000), which is not text: ` +
      'the file is damaged or was saved in another encoding. Export it again as UTF-8 text, then import it.',
  );
}

function malformedRecord(recordNumber: number, problem: string): SourceRefusedError {
  return new SourceRefusedError(
    'corrupt',
    `The CSV file's record ${recordNumber.toLocaleString('en')} is malformed (${problem}). ` +
      'Fix the quoting there, or export the file again, then import it.',
  );
}
