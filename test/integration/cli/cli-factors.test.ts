/** carbon-audit factors: its help names only the subcommands it has; list shows the sets loaded, with validity, counts and whether calculations use them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { useTempDir } from '../../helpers/temp';

describe('carbon-audit factors', () => {
  const tempDir = useTempDir();

  it('has a help that names its subcommands, list and load-library', async () => {
    const help = await cli('factors', '--help');
    expect(help.code).toBe(0);
    const commands = [...help.out.split('Commands:')[1]!.matchAll(/^ {2}([a-z-]+)/gm)].map((match) => match[1]);
    expect(commands).toEqual(['list', 'load-library', 'help']);
  });

  it('lists the factor sets loaded, each with its edition, validity and factor count, and which the calculation froze', async () => {
    const file = path.join(tempDir(), 'f.carbonaudit');
    expect((await cli('init', file, '--entity', 'Example Group', '--fy-start', '4', '--region', 'UK')).code).toBe(0);
    const empty = await cli('factors', 'list', file);
    expect(empty).toMatchObject({ code: 0, out: expect.stringContaining('No factor sets: load the library') });

    expect((await cli('factors', 'load-library', file)).code).toBe(0);
    const listed = await cli('factors', 'list', file);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^ {3}1 {2}desnz-2020 +2020 +2020-01-01 to 2020-12-31 +2399 {2}library {2}- +Department for Business/m);
    expect(listed.out).toMatch(/^ {3}2 {2}epa-hub-2025 +January 2025 +2025-01-01 to 2025-12-31 +551 {2}library {2}- +U\.S\. Environmental Protection Agency/m);

    // The calculation freezes the versions it uses.
    expect((await cli('calculate', file)).code).toBe(0);
    const sets = JSON.parse((await cli('factors', 'list', file, '--json')).out) as { setKey: string; factors: number; frozen: boolean }[];
    expect(sets.map(({ setKey, factors, frozen }) => ({ setKey, factors, frozen }))).toEqual([
      { setKey: 'desnz-2020', factors: 2399, frozen: true },
      { setKey: 'epa-hub-2025', factors: 551, frozen: true },
    ]);
  });
});
