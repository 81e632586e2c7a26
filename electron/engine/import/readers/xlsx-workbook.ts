import { posix } from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { SourceRefusedError } from './refusal';
import { listZipEntries, readZipEntryText, withZipArchive } from './zip-archive';
import { xmlElementsAttributes, XmlTextError } from './xml-text';

export interface WorksheetPart {
  readonly name: string;
  /** The sheet's XML entry in the archive, e.g. `xl/worksheets/sheet2.xml`. */
  readonly partName: string;
}

export interface WorkbookLayout {
  /** Worksheets in workbook order. Chart sheets and macro sheets hold no cells and are left out. */
  readonly worksheets: readonly WorksheetPart[];
  /** Serial dates count from 1904-01-01 (old Mac workbooks) rather than from 1900. */
  readonly date1904: boolean;
}

export const WORKBOOK_PART = 'xl/workbook.xml';
export const WORKBOOK_RELATIONSHIPS_PART = 'xl/_rels/workbook.xml.rels';
export const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
export const STYLES_PART = 'xl/styles.xml';
/** Far above what Excel writes even with thousands of defined names; the guard has already bounded it. */
const WORKBOOK_PART_MAX_BYTES = 64 * 1024 * 1024;
const WORKSHEET_RELATIONSHIP_TYPE = /\/worksheet$/;

/**
 * Reads the sheet list from workbook.xml and its relationships, without touching sheet data,
 * so listing the sheets of a large workbook stays instant.
 */
export async function readWorkbookLayout(path: string, maxZipEntries: number): Promise<WorkbookLayout> {
  return withZipArchive(path, maxZipEntries, async (zip) => readWorkbookLayoutOf(zip, await listZipEntries(zip)));
}

/** readWorkbookLayout on an archive already open, its `entries` listed. */
export async function readWorkbookLayoutOf(zip: ZipFile, entries: readonly Entry[]): Promise<WorkbookLayout> {
  const workbook = await readPart(zip, entries, WORKBOOK_PART);
  const relationships = relationshipTargets(await readPart(zip, entries, WORKBOOK_RELATIONSHIPS_PART));

  const worksheets: WorksheetPart[] = [];
  for (const sheet of elementsAttributes(workbook, WORKBOOK_PART, 'sheet')) {
    const name = sheet.get('name');
    const relationshipId = [...sheet.entries()].find(([attribute]) => attribute.endsWith(':id'))?.[1];
    const relationship = relationshipId === undefined ? undefined : relationships.get(relationshipId);
    if (name === undefined || relationship === undefined) {
      throw damagedWorkbook(`its sheet list names a sheet (${name ?? 'without a name'}) without saying where it is stored`);
    }
    if (!WORKSHEET_RELATIONSHIP_TYPE.test(relationship.type)) continue;
    // The guard checked every .xml part; a sheet stored under any other name would slip past it.
    if (!relationship.partName.endsWith('.xml') || !entries.some((entry) => entry.fileName === relationship.partName)) {
      throw damagedWorkbook(`its sheet "${name}" should be stored as ${relationship.partName}, which it does not hold as XML`);
    }
    worksheets.push({ name, partName: relationship.partName });
  }
  const date1904 = elementsAttributes(workbook, WORKBOOK_PART, 'workbookPr').some((properties) => {
    const value = properties.get('date1904');
    return value === '1' || value === 'true';
  });
  return { worksheets, date1904 };
}

async function readPart(zip: ZipFile, entries: readonly Entry[], partName: string): Promise<string> {
  const entry = entries.find((candidate) => candidate.fileName === partName);
  if (entry === undefined) throw damagedWorkbook(`it has no ${partName}`);
  return readZipEntryText(zip, entry, WORKBOOK_PART_MAX_BYTES);
}

function relationshipTargets(xml: string): Map<string, { type: string; partName: string }> {
  const targets = new Map<string, { type: string; partName: string }>();
  for (const relationship of elementsAttributes(xml, WORKBOOK_RELATIONSHIPS_PART, 'Relationship')) {
    const id = relationship.get('Id');
    const target = relationship.get('Target');
    if (id === undefined || target === undefined) continue;
    // Targets are relative to xl/ unless absolute within the package.
    const partName = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
    targets.set(id, { type: relationship.get('Type') ?? '', partName });
  }
  return targets;
}

/** xmlElementsAttributes, its errors told as a damaged workbook. */
function elementsAttributes(xml: string, part: string, name: string): Map<string, string>[] {
  try {
    return xmlElementsAttributes(xml, name);
  } catch (error) {
    if (error instanceof XmlTextError) throw damagedWorkbook(`its part ${part} is not well-formed XML (${error.message})`);
    throw error;
  }
}

function damagedWorkbook(what: string): SourceRefusedError {
  return new SourceRefusedError(
    'corrupt',
    `The workbook is damaged: ${what}. Open it in Excel to repair it and save it as .xlsx.`,
  );
}
