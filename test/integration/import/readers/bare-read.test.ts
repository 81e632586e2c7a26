import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bareCsvParse, bareExceljsRead } from '../../../../electron/engine/import/readers/bare-read';
import { useTempDir } from '../../../helpers/temp';
import { writeFile } from './files';

describe('benchmark baselines', () => {
  const tempDir = useTempDir();

  it('count the rows exceljs emits for every worksheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('A').addRows([['x'], ['y']]);
    workbook.addWorksheet('B').addRows([['z']]);
    const file = writeFile(tempDir(), 'book.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(await bareExceljsRead(file)).toBe(3);
  });

  it('count the records papaparse parses', async () => {
    expect(await bareCsvParse(writeFile(tempDir(), 'data.csv', 'a,b\n1,"two\nlines"\n3,4\n'))).toBe(3);
  });
});
