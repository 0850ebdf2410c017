// The interpreter suite in the page (figures, not assertions): every program of
// benchmarks/suite run in the Python page of the built dist/ in headless Chromium,
// alternating round by round with CPython 3.12 run natively in the same invocation.
// Each program prints the seconds of its own workload, then a checksum of its result;
// both are read from the page's console. A checksum unlike CPython's marks the row
// MISMATCH, keeps it out of the mean and makes the exit status 1. The threads_*
// programs run once per GIL model (the page's gil-model control). Prints the same
// markdown table as scripts/bench-suite.
//
//   node tests/browser/bench-suite.mjs --dist DIST [--runs N] [--python PATH] [--only NAME,NAME]
import { launchChromium } from './chromium.mjs';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { hostname, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = resolve(option('--dist', join(root, 'dist')));
const runs = Number(option('--runs', '3'));
const python = option('--python', join(execFileSync('pyenv', ['root']).toString().trim(), 'versions/3.12.1/bin/python3'));
const only = option('--only', '').split(',').filter(Boolean);
const suite = join(root, 'benchmarks/suite');
const GIL_MODELS = ['legacy', 'modern', 'free'];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
};
/** The program's printed lines: a time, then the checksum (its lines joined). */
const parse = (text) => {
  const lines = text.replace(/\n+$/, '').split('\n');
  const seconds = Number(lines[0]);
  if (lines.length < 2 || !Number.isFinite(seconds) || lines[0].trim() === '') {
    return { error: `printed ${JSON.stringify(text.slice(0, 300))}` };
  }
  return { seconds, checksum: lines.slice(1).join('\n') };
};
const cpythonRun = (path) => {
  try {
    return parse(execFileSync(python, [path], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  } catch (error) {
    return { error: `CPython failed: ${String(error.stderr || error).trim().split('\n').pop()}` };
  }
};

const programs = readdirSync(suite).filter((name) => name.endsWith('.py')).sort()
  .filter((name) => !only.length || only.some((word) => name.includes(word)));
const version = execFileSync(python, ['--version'], { encoding: 'utf8' }).trim();
const browser = await launchChromium();
const server = await serve({ root: dist, isolated: true });
const rows = [];
try {
  for (const name of programs) {
    const stem = name.replace(/\.py$/, '');
    const source = readFileSync(join(suite, name), 'utf8');
    for (const model of stem.startsWith('threads_') ? GIL_MODELS : ['modern']) {
      const label = stem.startsWith('threads_') ? `${stem} (gil ${model})` : stem;
      const row = { label, page: [], cpython: [], pageSums: new Set(), cpythonSums: new Set(), errors: [] };
      // A fresh page per program, so one program's garbage or workers do not weigh on the next.
      const page = await browser.newPage();
      await page.goto(`${server.url}#/demo/python`);
      await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
      // The page warms its workers up after loading (see bench.mjs's first gil run): let
      // that finish before the first timed run.
      await page.waitForTimeout(2000);
      await page.getByTestId('gil-model').selectOption(model);
      await page.getByTestId('editor').fill(source);
      for (let round = 0; round < runs; round += 1) {
        await page.getByTestId('run').click();
        await page.waitForFunction(
          () => ['finished', 'error', 'deadlock', 'stopped'].includes(document.querySelector('[data-testid=status]')?.textContent),
          null, { timeout: 600_000 },
        );
        const status = await page.getByTestId('status').textContent();
        const printed = await page.getByTestId('console').textContent();
        const ours = status === 'finished' ? parse(printed) : { error: `status ${status}: ${printed.trim().split('\n').pop()}` };
        if (ours.error) row.errors.push(`page: ${ours.error}`);
        else { row.page.push(ours.seconds); row.pageSums.add(ours.checksum); }
        const theirs = cpythonRun(join(suite, name));
        if (theirs.error) row.errors.push(theirs.error);
        else { row.cpython.push(theirs.seconds); row.cpythonSums.add(theirs.checksum); }
      }
      await page.close();
      console.error(`${label}: page ${row.page.length ? median(row.page).toFixed(4) : 'failed'}, CPython ${row.cpython.length ? median(row.cpython).toFixed(4) : 'failed'}`);
      rows.push(row);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const load = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`benchmarks/suite in the page (${dist}, headless Chromium ${browser.version()}), ${runs} runs each, alternating with ${version} run natively; medians of the time each program prints for its own workload, in seconds; CPython peer: ${version} (with its GIL) for every row, the threaded mix under each of the page's GIL models included; ${hostname()}, load average ${load} at the end\n`);
console.log(`| program | page | CPython ${version.split(' ').pop()} | ratio | checksum |`);
console.log('|---|---|---|---|---|');
const logs = [];
let above = 0;
const problems = [];
for (const row of rows) {
  const page = row.page.length ? median(row.page) : null;
  const cpython = row.cpython.length ? median(row.cpython) : null;
  let ratio;
  let verdict = 'same as CPython';
  if (row.errors.length) {
    ratio = verdict = '**ERROR**';
    problems.push(`${row.label}: ${row.errors[0]}`);
  } else if (new Set([...row.pageSums, ...row.cpythonSums]).size > 1) {
    ratio = verdict = '**MISMATCH**';
    problems.push(`${row.label}: checksum ${JSON.stringify([...row.pageSums])} but CPython ${JSON.stringify([...row.cpythonSums])}`);
  } else {
    logs.push(Math.log(page / cpython));
    above += page / cpython > 2;
    ratio = `${(page / cpython).toFixed(2)}x`;
  }
  console.log(`| ${row.label} | ${page === null ? '**ERROR**' : page.toFixed(4)} | ${cpython === null ? '**ERROR**' : cpython.toFixed(4)} | ${ratio} | ${verdict} |`);
}
const mean = logs.length ? `**${Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length).toFixed(2)}x**` : '-';
console.log(`| geometric mean (${logs.length} rows) |  |  | ${mean} |  |`);
console.log(`| programs above 2x |  |  | ${above} |  |`);
if (problems.length) {
  console.log('\nWRONG RESULTS (a mismatch is a result, not a speed; these rows are out of the mean):');
  for (const problem of problems) console.log(`  ${problem}`);
  process.exit(1);
}
