// Figures for BENCHMARKS.md (issue 13, simulated threads): the threads build and the
// simulated build side by side, each in an iframe of a docs page on another site, the
// site served the way each loads (all isolation headers: Document-Isolation-Policy
// isolates the frame; none: the simulated build):
// - the frame's navigation to a runnable race page (Run enabled: the threads build waits
//   for its pool and warm-up, the simulated one for its engine worker) and the script
//   and wasm bytes the site served until then (the workers' included);
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
    const pages = {};
    const docs = await serve({ hostname: 'localhost', headers: 'none', files: pages });
    const ready = [];
    let kb = 0;
    for (let load = 0; load < loads; load += 1) {
      // A fresh context per load: nothing cached.
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      const top = await context.newPage();
      server.resetLog();
      const frameAt = (route) => {
        pages['/docs.html'] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>docs</title></head>`
          + `<body><iframe title="threadplay" src="${server.url}${route}" width="1200" height="950"></iframe></body></html>`;
        return `${docs.url}docs.html`;
      };
      await top.goto(frameAt('#/demo/race'));
      const frame = () => top.frames().find((f) => f.url().startsWith(server.url));
      await frame().waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000, polling: 10 });
      const page = frame();
      // When Run could be pressed, on the frame's own clock (from its navigation).
      ready.push(await page.evaluate(() => performance.now()));
      const bytes = server.requests.filter((r) => /\.(wasm|js)$/.test(r.path)).reduce((sum, r) => sum + r.bytes, 0);
      const mode = (await page.getByTestId('engine-mode').textContent()).trim();
      if (mode !== build) throw new Error(`${build}: engine-mode ${mode}`);
      // The first load's (the same files each time).
      if (load === 0) kb = bytes / 1024;
      if (load < loads - 1) {
        await context.close();
        continue;
      }
      // The same virtual run in both builds.
      await page.getByTestId('gil-model').selectOption('free');
      await page.getByTestId('scheduler').selectOption('virtual');
      await page.getByTestId('seed').waitFor();
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
      await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
      const run = await clickUntil(page, 'run', 'finished');
      const gap = await page.evaluate(() => { window.__gaps.done = true; return window.__gaps.worst; });
      const counter = (await page.getByTestId('watch').textContent()).trim();
      const virtualClock = (await page.getByTestId('virtual-elapsed').textContent()).trim();
      // Stop on an endless loop, then the next run.
      await top.goto(frameAt('#/demo/python'));
      await frame().getByTestId('demo-python').waitFor();
      await frame().waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
      const sandbox = frame();
      await sandbox.getByTestId('editor').fill('while True:\n    pass\n');
      await sandbox.getByTestId('run').click();
      await waitStatus(sandbox, ['running']);
      await top.waitForTimeout(500);
      const stop = await clickUntil(sandbox, 'stop', 'stopped');
      await sandbox.getByTestId('editor').fill('print(sum(range(1000)))\n');
      const next = await clickUntil(sandbox, 'run', 'finished');
      rows.push({ build, ready, kb, run, gap, counter, virtualClock, stop, next });
      await context.close();
    }
    await server.close();
    await docs.close();
  }
} finally {
  await browser.close();
}
console.log('| build (in an iframe) | Run enabled after (median of loads, ms) | script + wasm fetched | race free 1M x 5, seed 7: real | its virtual clock | counter | longest frame gap | Stop | next run |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.build} | ${median(r.ready).toFixed(0)} (${r.ready.map((v) => v.toFixed(0)).join(', ')}) | ${r.kb.toFixed(0)} KB | ${r.run.toFixed(0)} ms | ${r.virtualClock} | ${r.counter} | ${r.gap.toFixed(0)} ms | ${r.stop.toFixed(1)} ms | ${r.next.toFixed(0)} ms |`);
}
