// Page benchmarks (figures, not assertions): release wasm size raw and gzip, time from
// navigation to the worker pool being ready, the 8 x 0.5 s run's elapsed time, and Stop
// latency, each over several fresh page loads in Debian's headless Chromium.
//
//   node tests/browser/bench.mjs --dist DIST [--loads N]
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from './serve.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist'));
const loads = Number(option('--loads', '5'));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const summary = (values, unit) => {
  const digits = unit === 's' ? 3 : 1;
  return `median ${median(values).toFixed(digits)} ${unit} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}, n=${values.length})`;
};

for (const suffix of ['_bg.wasm', '.js']) {
  const file = readdirSync(dist).find((name) => name.startsWith('threadplay-web') && name.endsWith(suffix));
  const bytes = readFileSync(join(dist, file));
  console.log(`${file}: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB gzip -9`);
}

const executablePath = execFileSync('which', ['chromium']).toString().trim();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const server = await serve({ root: dist, isolated: true });
const poolReady = [];
const elapsed = [];
const stopLatency = [];
const startLatency = [];
const medianStart = [];
const cpuSeconds = [];
try {
  for (let load = 0; load < loads; load += 1) {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/demo/platform`);
    const pool = page.locator('[data-testid=pool-status][data-ready-ms]');
    await pool.waitFor({ timeout: 30_000 });
    poolReady.push(Number(await pool.getAttribute('data-ready-ms')));

    for (const [id, value] of [['threads', 8], ['seconds', 0.5]]) {
      await page.getByTestId(id).fill(String(value));
      await page.getByTestId(id).dispatchEvent('change');
    }
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'finished');
    elapsed.push(Number(await page.getByTestId('elapsed').getAttribute('data-ms')));
    const started = /thread start: median ([0-9.]+) ms, slowest ([0-9.]+) ms/.exec(await page.getByTestId('console').textContent());
    medianStart.push(Number(started[1]));
    startLatency.push(Number(started[2]));

    await page.getByTestId('seconds').fill('10');
    await page.getByTestId('seconds').dispatchEvent('change');
    await page.getByTestId('run').click();
    await page.waitForTimeout(200);
    stopLatency.push(await page.evaluate(() => new Promise((done) => {
      const clicked = performance.now();
      document.querySelector('[data-testid=stop]').click();
      const look = () => document.querySelector('[data-testid=status]').textContent === 'stopped'
        ? done(performance.now() - clicked)
        : requestAnimationFrame(look);
      requestAnimationFrame(look);
    })));
    await page.close();
  }
  // The chapter's CPU-bound loop in the Python sandbox (timed inside the program).
  const cpuProgram = readFileSync(resolve(dist, '../benchmarks/cpu_bound.py'), 'utf8');
  for (let load = 0; load < loads; load += 1) {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/demo/python`);
    await page.locator('[data-testid=pool-status][data-ready-ms]').waitFor({ timeout: 30_000 });
    await page.getByTestId('editor').fill(cpuProgram);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'finished', null, { timeout: 120_000 });
    cpuSeconds.push(Number((await page.getByTestId('console').textContent()).trim()));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`navigation -> pool ready (40 workers): ${summary(poolReady, 'ms')}`);
console.log(`8 threads x 0.5 s, elapsed: ${summary(elapsed, 'ms')}`);
console.log(`Run -> median of 8 threads running on its worker: ${summary(medianStart, 'ms')}`);
console.log(`Run -> slowest of 8 threads running on its worker: ${summary(startLatency, 'ms')}`);
console.log(`cpu_bound(5_000_000) in the page (benchmarks/cpu_bound.py): ${summary(cpuSeconds, 's')}`);
console.log(`Stop click -> status "stopped" (8 threads in 10 s sleeps): ${summary(stopLatency, 'ms')}`);
