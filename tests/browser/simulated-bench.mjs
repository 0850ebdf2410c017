// Figures for BENCHMARKS.md (issue 13, simulated threads): the threads build and the
// simulated build side by side, each served the way it loads (all isolation headers /
// none, service workers blocked):
// - navigation to a runnable race page (`data-ready-ms` on the pool badge: the pool, or
//   the engine worker, ready) and the script and wasm bytes fetched until then;
// - the same virtual-scheduler run (race, free-threaded, 1 000 000 increments per
//   thread, one seed) in both: its real time, and the longest gap between the page's
//   animation frames meanwhile;
// - Stop on an endless loop, and the next run after it.
//
//   node tests/browser/simulated-bench.mjs --dist dist [--loads 5]
import { resolve } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const dist = resolve(option('--dist', 'dist'));
const loads = Number(option('--loads', '5'));

const waitStatus = (page, words, timeout = 120_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent), words, { timeout },
);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Clicks `testid`, then times in the page until the status reads `word`. */
const clickUntil = (page, testid, word) => page.evaluate(({ testid, word }) => new Promise((done) => {
  const clicked = performance.now();
  document.querySelector(`[data-testid=${testid}]`).click();
  const look = () => (document.querySelector('[data-testid=status]').textContent === word
    ? done(performance.now() - clicked)
    : (performance.now() - clicked > 60_000 ? done(Infinity) : requestAnimationFrame(look)));
  requestAnimationFrame(look);
}), { testid, word });

const browser = await launchChromium();
const rows = [];
try {
  for (const [build, headers] of [['threads', 'all'], ['simulated', 'none']]) {
    const server = await serve({ root: dist, headers });
    const ready = [];
    let kb = 0;
    for (let load = 0; load < loads; load += 1) {
      // A fresh context per load: nothing cached.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      let bytes = 0;
      page.on('response', async (response) => {
        if (/\.(wasm|js)$/.test(new URL(response.url()).pathname)) bytes += (await response.body().catch(() => Buffer.alloc(0))).length;
      });
      await page.goto(`${server.url}#/demo/race`);
      await page.waitForFunction(() => !document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 60_000 });
      ready.push(Number(await page.getByTestId('pool-status').getAttribute('data-ready-ms')));
      const mode = (await page.getByTestId('engine-mode').textContent()).trim();
      if (mode !== build) throw new Error(`${build}: engine-mode ${mode}`);
      kb = bytes / 1024;
      if (load < loads - 1) {
        await context.close();
        continue;
      }
      // The same virtual run in both builds.
      await page.getByTestId('gil-model').selectOption('free');
      await page.getByTestId('scheduler').selectOption('virtual');
      await page.getByTestId('seed').fill('7');
      await page.getByTestId('seed').dispatchEvent('change');
      await page.getByTestId('param-rounds').fill('1000000');
      await page.getByTestId('param-rounds').dispatchEvent('change');
      await page.evaluate(() => {
        window.__gaps = { last: performance.now(), worst: 0 };
        const tick = () => {
          const now = performance.now();
          window.__gaps.worst = Math.max(window.__gaps.worst, now - window.__gaps.last);
          window.__gaps.last = now;
          if (!window.__gaps.done) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const run = await clickUntil(page, 'run', 'finished');
      const gap = await page.evaluate(() => { window.__gaps.done = true; return window.__gaps.worst; });
      const counter = (await page.getByTestId('watch').textContent()).trim();
      const virtualClock = (await page.getByTestId('virtual-elapsed').textContent()).trim();
      // Stop on an endless loop, then the next run.
      await page.goto(`${server.url}#/demo/python`);
      await page.getByTestId('demo-python').waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 60_000 });
      await page.getByTestId('editor').fill('while True:\n    pass\n');
      await page.getByTestId('run').click();
      await waitStatus(page, ['running']);
      await page.waitForTimeout(500);
      const stop = await clickUntil(page, 'stop', 'stopped');
      await page.getByTestId('editor').fill('print(sum(range(1000)))\n');
      const next = await clickUntil(page, 'run', 'finished');
      rows.push({ build, ready, kb, run, gap, counter, virtualClock, stop, next });
      await context.close();
    }
    await server.close();
  }
} finally {
  await browser.close();
}
console.log('| build | runnable after (median of loads, ms) | script + wasm fetched | race free 1M x 5, seed 7: real | its virtual clock | counter | longest frame gap | Stop | next run |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.build} | ${median(r.ready).toFixed(0)} (${r.ready.map((v) => v.toFixed(0)).join(', ')}) | ${r.kb.toFixed(0)} KB | ${r.run.toFixed(0)} ms | ${r.virtualClock} | ${r.counter} | ${r.gap.toFixed(0)} ms | ${r.stop.toFixed(1)} ms | ${r.next.toFixed(0)} ms |`);
}
