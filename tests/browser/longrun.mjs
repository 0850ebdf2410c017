// Long-run memory benchmark (scripts/bench-longrun): each soak program left running for
// minutes, in the page (headless Chromium) and natively (the CLI), with memory sampled
// as it goes; then 500 run/stop cycles on the race demo. Prints figures; asserts nothing
// (the browser tests hold the shortened versions with stated bounds).
//
//   node tests/browser/longrun.mjs --dist DIST --cli target/release/threadplay
//        [--minutes 10] [--sample 30] [--cycles 500] [--only TEXT] [--skip-native]
import { chromiumPath } from './chromium.mjs';
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import {
  SOAK_PROGRAMS, heartbeatProgram, soak, browserPssMb, processRssMb, growthAfter,
  stopLatencyMs, statusOf,
} from './soak.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist'));
const cli = resolve(option('--cli', 'target/release/threadplay'));
const minutes = Number(option('--minutes', '10'));
const sampleSeconds = Number(option('--sample', '30'));
const cycles = Number(option('--cycles', '500'));
const only = option('--only', null);
const skipNative = argv.includes('--skip-native');
const seconds = Math.round(minutes * 60);

const programs = { ...SOAK_PROGRAMS };
programs['daemon heartbeat'] = heartbeatProgram(readFileSync(resolve('demos/daemon.py'), 'utf8'));
const chosen = Object.entries(programs).filter(([name]) => !only || name.includes(only));

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const today = new Date().toISOString().slice(0, 10);
console.log(`# long-run memory, ${today}: ${minutes} min per program, a sample every ${sampleSeconds} s`);

/** The CLI running `program` for `seconds` with stdout discarded; VmRSS sampled. */
async function nativeSoak(name, program) {
  const dir = mkdtempSync(join(tmpdir(), 'threadplay-soak-'));
  const file = join(dir, 'soak.py');
  writeFileSync(file, program);
  const child = spawn(cli, ['run', file], { stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'] });
  const started = Date.now();
  const samples = [];
  for (let at = 0; at <= seconds; at += sampleSeconds) {
    const wait = started + at * 1000 - Date.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    if (child.exitCode !== null) break;
    samples.push({ s: at, ...processRssMb(child.pid) });
  }
  const stopAt = Date.now();
  child.kill('SIGINT');
  await new Promise((done) => child.once('exit', done));
  const stopMs = Date.now() - stopAt;
  const peak = Math.max(...samples.map((s) => s.peak));
  console.log(`native  ${name}: RSS MB ${samples.map((s) => fmt(s.rss)).join(' ')}; peak ${fmt(peak)} MB;`
    + ` growth after 1 min ${fmt(growthAfter(samples, 60, 'rss'), 1)} MB; ended ${stopMs} ms after SIGINT`);
}

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const server = await serve({ root: dist, isolated: true });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const openSandbox = async () => {
    await page.goto(`${server.url}#/demo/python`);
    await page.getByTestId('demo-python').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
  };
  for (const [name, program] of chosen) {
    await openSandbox();
    const result = await soak(page, { program, seconds, sampleSeconds });
    const { samples } = result;
    console.log(`page    ${name}: Pss MB ${samples.map((s) => fmt(s.pssMb)).join(' ')}`);
    console.log(`        wasm MB ${samples.map((s) => fmt(s.wasmMb)).join(' ')}`);
    console.log(`        growth after 1 min: Pss ${fmt(growthAfter(samples, 60, 'pssMb'), 1)} MB,`
      + ` wasm ${fmt(growthAfter(samples, 60, 'wasmMb'), 1)} MB; status ${samples.at(-1).status} until Stop;`
      + ` Stop ${fmt(result.stop.ms, 1)} ms -> ${result.stop.status}`);
    console.log(`        timeline draw ms p50/p95: minute 1 ${fmt(result.drawEarly?.p50, 2)}/${fmt(result.drawEarly?.p95, 2)}`
      + ` (${result.drawEarly?.frames} frames), last minute ${fmt(result.drawLate?.p50, 2)}/${fmt(result.drawLate?.p95, 2)}`
      + ` (${result.drawLate?.frames} frames)`);
    // The next run must be right: the race demo's default run.
    await page.goto(`${server.url}#/demo/race`);
    await page.getByTestId('demo-race').waitFor();
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
    const text = await page.getByTestId('console').textContent();
    console.log(`        next run (race): ${text.trim()}`);
    if (!skipNative) await nativeSoak(name, program);
  }

  if (!only || 'cycles'.includes(only)) {
    await page.goto(`${server.url}#/demo/race`);
    await page.getByTestId('demo-race').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
    const before = browserPssMb();
    const endings = {};
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      await page.getByTestId('run').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 2_000 }).catch(() => {});
      await page.waitForTimeout(3 + (cycle % 7));
      const stop = await page.getByTestId('stop').isEnabled()
        ? await stopLatencyMs(page)
        : { status: await statusOf(page) };
      endings[stop.status] = (endings[stop.status] ?? 0) + 1;
      await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false);
    }
    const after = browserPssMb();
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
    const text = (await page.getByTestId('console').textContent()).trim();
    console.log(`cycles  ${cycles} run/stop on race: Pss ${fmt(before)} -> ${fmt(after)} MB`
      + ` (${fmt((after / before - 1) * 100, 1)}%); endings ${JSON.stringify(endings)}; final run: ${text}`);
  }
} finally {
  await browser.close();
  await server.close();
}
