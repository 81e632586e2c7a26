// The mutation scores of the core's areas, against their targets, from Stryker's incremental file
// (committed, so they print without a run): `node scripts/mutation-report.mjs [--survivors]`.
// `--survivors` lists every mutant no test kills, by file and line, to check against
// docs/mutation-testing.md, where each is judged equivalent with why.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Instrumenter } from '@stryker-mutator/instrumenter';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INCREMENTAL_FILE = path.join(ROOT, 'test', 'mutation', 'stryker-incremental.json');

/** The areas with a target score; the last takes what the others do not. */
export const AREAS = [
  { name: 'shared/calc', target: 85, holds: (file) => file.startsWith('shared/calc/') },
  { name: 'shared/import', target: 75, holds: (file) => file.startsWith('shared/import/') },
  { name: 'audit log and engagement-file checks', target: null, holds: (file) => file.startsWith('electron/engine/') },
];

const TREE_OF_TS = '/**/*.ts';

/**
 * The files a run over the whole core mutates (stryker.config.mjs), relative to the root with '/'.
 * Its patterns are single files and trees of a folder's .ts files; any other form is refused rather than misread.
 */
async function strykerConfig() {
  return (await import(pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href)).default;
}

async function coreFiles(config) {
  return config.mutate.flatMap((pattern) => {
    if (!pattern.includes('*')) return [pattern];
    if (!pattern.endsWith(TREE_OF_TS) || pattern.slice(0, -TREE_OF_TS.length).includes('*')) throw new Error(`cannot list the files of the pattern ${pattern}`);
    const dir = pattern.slice(0, -TREE_OF_TS.length);
    return fs
      .readdirSync(path.join(ROOT, dir), { recursive: true })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `${dir}/${file.split(path.sep).join('/')}`);
  });
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Killed or timed out over everything that compiled and ran: Stryker's mutation score (null with nothing run). */
function scoreOf(mutants) {
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  const undetected = mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
  const ignored = mutants.filter((mutant) => mutant.status === 'Ignored').length;
  const total = detected + undetected;
  return { detected, undetected, ignored, score: total === 0 ? null : (100 * detected) / total };
}

const QUIET_LOGGER = Object.fromEntries(
  ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].flatMap((level) => [[level, () => {}], [`is${level[0].toUpperCase()}${level.slice(1)}Enabled`, () => false]]),
);

/**
 * The files without results in which Stryker's own instrumenter, with the run's mutators, finds no
 * mutant at all (declarations only, such as `shared/calc/trace.ts`): Stryker records nothing for
 * them, so they never get results, yet nothing in them is left untested. A file with a mutant and
 * no results has not been run, and stays so.
 */
async function filesWithoutMutants(report, files, config) {
  const instrumenter = new Instrumenter(QUIET_LOGGER);
  const options = { plugins: null, excludedMutations: config.mutator?.excludedMutations ?? [], ignorers: [] };
  const unrun = files.filter((file) => !(file in report.files));
  const found = await Promise.all(
    unrun.map(async (file) => {
      const { mutants } = await instrumenter.instrument([{ name: file, content: fs.readFileSync(path.join(ROOT, file), 'utf8'), mutate: true }], options);
      return mutants.length === 0 ? [file] : [];
    }),
  );
  return new Set(found.flat());
}

/**
 * Each area's score, with how many of its files have results or no mutants (a score over some of
 * them does not show the target), and the score of each of its files.
 */
export function areaScores(report, files, withoutMutants = new Set()) {
  return AREAS.map((area) => {
    const areaFiles = files.filter(area.holds).sort();
    const run = areaFiles.filter((file) => file in report.files);
    const byFile = areaFiles.map((file) => {
      if (file in report.files) return { file, ...scoreOf(report.files[file].mutants) };
      return { file, ...(withoutMutants.has(file) ? { ...scoreOf([]), noMutants: true } : { score: undefined }) };
    });
    const covered = run.length + areaFiles.filter((file) => withoutMutants.has(file)).length;
    return { ...area, ...scoreOf(run.flatMap((file) => report.files[file].mutants)), covered, of: areaFiles.length, byFile };
  });
}

function verdict(area) {
  if (area.target === null || area.score === null) return '';
  if (area.covered < area.of) return `  (target ${area.target}%: not shown, ${area.covered} of ${area.of} files have results or no mutants)`;
  return area.score >= area.target ? `  (target ${area.target}%: met)` : `  (target ${area.target}%: NOT MET)`;
}

/** Every mutant no test kills: file, line and column, the mutator, and the code before and after. */
export function survivors(report) {
  return Object.entries(report.files)
    .flatMap(([file, entry]) => {
      const lines = entry.source.split('\n');
      return entry.mutants
        .filter((mutant) => UNDETECTED.has(mutant.status))
        .map((mutant) => {
          const { start, end } = mutant.location;
          const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
          return { file, line: start.line, column: start.column, status: mutant.status, mutator: mutant.mutatorName, original, replacement: mutant.replacement };
        });
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function fileScore(file) {
  if (file.score === undefined) return '    no results yet';
  if (file.noMutants) return '    no mutants: Stryker finds nothing in it to mutate';
  const ignored = file.ignored === 0 ? '' : `, ${file.ignored} static not run`;
  return `${file.score === null ? 'no mutants' : `${file.score.toFixed(2)}%`.padStart(8)}  ${file.detected} detected, ${file.undetected} not${ignored}`;
}

export async function printReport(report, { listSurvivors = false, listFiles = true } = {}) {
  console.log('\nMutation score by area (killed or timed out, of the mutants that compiled):');
  const config = await strykerConfig();
  const files = await coreFiles(config);
  for (const area of areaScores(report, files, await filesWithoutMutants(report, files, config))) {
    const score = area.score === null ? 'no mutants' : `${area.score.toFixed(2)}%`;
    const ignored = area.ignored === 0 ? '' : `, ${area.ignored} static not run`;
    console.log(`  ${area.name.padEnd(38)} ${score.padStart(8)}  ${area.detected} detected, ${area.undetected} not${ignored}${verdict(area)}`);
    if (listFiles) for (const file of area.byFile) console.log(`    ${file.file.padEnd(36)} ${fileScore(file)}`);
  }
  if (!listSurvivors) return;
  console.log('\nMutants no test detects (each is judged in docs/mutation-testing.md):');
  for (const mutant of survivors(report)) {
    const code = (text) => JSON.stringify(text.length > 70 ? `${text.slice(0, 67)}...` : text);
    console.log(`  ${mutant.file}:${mutant.line}:${mutant.column}  ${mutant.mutator}${mutant.status === 'NoCoverage' ? ' (no test runs it)' : ''}  ${code(mutant.original)} → ${code(mutant.replacement)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(INCREMENTAL_FILE)) {
    console.error(`No mutation results yet (${path.relative(ROOT, INCREMENTAL_FILE)}): run npm run mutate.`);
    process.exit(1);
  }
  await printReport(JSON.parse(fs.readFileSync(INCREMENTAL_FILE, 'utf8')), { listSurvivors: process.argv.includes('--survivors') });
}
