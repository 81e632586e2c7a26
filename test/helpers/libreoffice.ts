/**
 * LibreOffice as an independent spreadsheet engine: it opens a workbook headless, recalculates
 * every formula (a throw-away profile sets the OOXML and ODF recalculation modes to "always";
 * otherwise it would show the cached results the writer stored and prove nothing), and writes
 * each sheet as CSV.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

const RECALCULATE_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Every sheet (by name) as rows of text, after LibreOffice has recalculated the workbook. */
export function recalculatedSheets(book: string, workDir: string): Map<string, string[][]> {
  const profile = path.join(workDir, 'lo-profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALCULATE_ALWAYS);
  const out = path.join(workDir, 'lo-csv');
  fs.mkdirSync(out, { recursive: true });
  execFileSync('soffice', [
    `-env:UserInstallation=file://${profile}`, '--headless', '--norestore',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1',
    '--outdir', out, book,
  ], { stdio: 'pipe', timeout: 180_000 });
  const stem = path.basename(book, path.extname(book));
  const sheets = new Map<string, string[][]>();
  for (const file of fs.readdirSync(out)) {
    if (!file.startsWith(`${stem}-`) || !file.endsWith('.csv')) continue;
    const parsed = Papa.parse<string[]>(fs.readFileSync(path.join(out, file), 'utf8'), { skipEmptyLines: false });
    sheets.set(file.slice(stem.length + 1, -'.csv'.length), parsed.data);
  }
  return sheets;
}

/** A number as LibreOffice's CSV writes it ('15.01%' is a share); null for an empty cell. */
export function csvNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const percent = text.endsWith('%');
  const value = Number(text.replace(/%$/, '').replace(/,/g, ''));
  if (!Number.isFinite(value)) throw new Error(`not a number: ${text}`);
  return percent ? value / 100 : value;
}
