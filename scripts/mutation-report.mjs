// The mutation scores of the core's areas, against their targets, from Stryker's incremental file
// (committed, so they print without a run): `node scripts/mutation-report.mjs [--survivors]`.
// `--survivors` lists every mutant no test kills, by file and line, to check against
// docs/mutation-testing.md, where each is judged equivalent with why.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INCREMENTAL_FILE = path.join(ROOT, 'test', 'mutation', 'stryker-incremental.json');

/** The areas the issue sets targets for; the last takes what the others do not. */
export const AREAS = [
  { name: 'shared/calc', target: 85, holds: (file) => file.startsWith('shared/calc/') },
  { name: 'shared/import', target: 75, holds: (file) => file.startsWith('shared/import/') },
  { name: 'audit log and engagement-file checks', target: null, holds: (file) => file.startsWith('electron/engine/') },
];

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Killed or timed out over everything that compiled and ran: Stryker's mutation score. */
export function areaScores(report) {
  return AREAS.map((area) => {
    const mutants = Object.entries(report.files)
      .filter(([file]) => area.holds(file))
      .flatMap(([, entry]) => entry.mutants);
    const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
    const undetected = mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
    const total = detected + undetected;
    return { ...area, detected, undetected, score: total === 0 ? null : (100 * detected) / total };
  });
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

export function printReport(report, { listSurvivors = false } = {}) {
  console.log('\nMutation score by area (killed or timed out, of the mutants that compiled):');
  for (const area of areaScores(report)) {
    const score = area.score === null ? 'no mutants' : `${area.score.toFixed(2)}%`;
    const verdict = area.target === null || area.score === null ? '' : area.score >= area.target ? `  (target ${area.target}%: met)` : `  (target ${area.target}%: NOT MET)`;
    console.log(`  ${area.name.padEnd(38)} ${score.padStart(8)}  ${area.detected} detected, ${area.undetected} not${verdict}`);
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
  printReport(JSON.parse(fs.readFileSync(INCREMENTAL_FILE, 'utf8')), { listSurvivors: process.argv.includes('--survivors') });
}
