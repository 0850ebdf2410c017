// Figures for the worker pool (issue 13, workers on demand), for one build or several
// compared side by side (loads interleaved, so a busy machine weighs on each alike):
// - first: navigation to the first runnable demo (Run enabled on #/demo/race);
// - memory: the browser's memory (Pss summed over its processes, see soak.mjs) for a
//   blank tab and for the race page idle and after one run, each in a browser of its
//   own after SETTLE_MS left alone; workers Playwright sees and the page counts;
// - six: a page of six demo iframes: time until the first and the last is runnable,
//   Pss idle and after each ran once;
// - start: Thread.start() to the thread's first line (benchmarks/thread_start.py) on a
//   fresh page's first run and on its second;
// - warm: the gil demo's sequential timing on a fresh page's first run (Run clicked as
//   soon as it is enabled) against the same page's second run: the first-run penalty
//   the warm-up exists to remove.
// Figures only, no assertions (the machine is shared and noisy). Pss depends on what
// else maps the same pages (other browsers on the machine split the shared libraries'
// pages with this one), so compare builds measured in the same run, and each against
// the blank tab of that run.
//
//   node tests/browser/bench-pool.mjs --dist DIST[,DIST2...] [--loads 5] [--rounds 3]
//        [--only first|memory|six|start|warm] [--frame-route '#/demo/race']
//
// A build may carry a query for its pages: `--dist dist,dist?no-warm-up` compares the
// build with itself without the warm-up.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { browserPssMb } from './soak.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dists = option('--dist', 'dist').split(',');
const loads = Number(option('--loads', '5'));
const rounds = Number(option('--rounds', '3'));
const only = option('--only', null);
const wants = (section) => !only || only.split(',').includes(section);
const SETTLE_MS = 3000;
// The demo the six-frame page embeds (the embed view `#/embed/race` once it exists).
const FRAME_ROUTE = option('--frame-route', '#/demo/race');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const executablePath = execFileSync('which', ['chromium']).toString().trim();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = (values, unit, digits = 0) => values.length
  ? `median ${median(values).toFixed(digits)} ${unit} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}, n=${values.length})`
  : 'no figures';

const SIX_FRAMES = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>six demos</title>
<style>body{margin:0;font:16px sans-serif}main{display:grid;grid-template-columns:1fr 1fr;gap:8px;padding:8px}
iframe{width:100%;height:560px;border:1px solid #888}</style></head>
<body><main>${Array.from({ length: 6 }, (_, i) => `<iframe title="demo ${i + 1}" src="./${FRAME_ROUTE}"></iframe>`).join('')}</main>
<script>
  // Records, on this page's clock, when each frame's Run button is first enabled.
  window.__runnable = Array(6).fill(null);
  const frames = [...document.querySelectorAll('iframe')];
  const look = setInterval(() => {
    frames.forEach((frame, i) => {
      if (window.__runnable[i] !== null) return;
      const run = frame.contentDocument?.querySelector('[data-testid=run]');
      if (run && !run.disabled) window.__runnable[i] = performance.now();
    });
    if (window.__runnable.every((at) => at !== null)) clearInterval(look);
  }, 2);
</script></body></html>
`;

// Each build is served from a copy that also holds the six-frame page (same origin, so
// the frames are cross-origin isolated like their parent).
const builds = [];
for (const entry of dists) {
  const [path, query] = entry.split('?');
  const dist = resolve(path);
  const root = mkdtempSync(join(tmpdir(), 'threadplay-bench-pool-'));
  cpSync(dist, root, { recursive: true });
  writeFileSync(join(root, 'six-frames.html'), SIX_FRAMES);
  const server = await serve({ root, isolated: true });
  builds.push({ dist: query ? `${dist}?${query}` : dist, root, server, base: query ? `${server.url}?${query}` : server.url, figures: {} });
}
const add = (build, key, value) => (build.figures[key] ??= []).push(value);

async function withBrowser(body) {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

const enabled = (frame) => frame.waitForFunction(
  () => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
const finished = (frame) => frame.waitForFunction(
  () => ['finished', 'error'].includes(document.querySelector('[data-testid=status]')?.textContent),
  null, { timeout: 120_000 });
const pageCount = (frame) => frame.evaluate(() => globalThis.threadplayWorkerCount?.() ?? null);

/** One load per build, interleaved, `count` times. */
async function interleaved(count, body) {
  for (let index = 0; index < count; index += 1) {
    for (const build of builds) await body(build, index);
  }
}

try {
  if (wants('first')) {
    await withBrowser((browser) => interleaved(loads, async (build) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        const look = () => {
          const run = document.querySelector('[data-testid=run]');
          if (run && !run.disabled) window.__firstReadyMs = performance.now();
          else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      await page.goto(`${build.base}#/demo/race`);
      await page.waitForFunction(() => window.__firstReadyMs !== undefined, null, { timeout: 60_000 });
      add(build, 'runnable', await page.evaluate(() => window.__firstReadyMs));
      add(build, 'workersAtRunnable', page.workers().length);
      await context.close();
    }));
  }

  if (wants('memory')) {
    await interleaved(rounds, async (build) => {
      add(build, 'blank', await withBrowser(async (browser) => {
        const page = await browser.newPage();
        await page.goto('about:blank');
        await page.waitForTimeout(SETTLE_MS);
        return browserPssMb();
      }));
      await withBrowser(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${build.base}#/demo/race`);
        await enabled(page);
        await page.waitForTimeout(SETTLE_MS);
        add(build, 'idle', browserPssMb());
        add(build, 'idleWorkers', page.workers().length);
        await page.getByTestId('run').click();
        await finished(page);
        await page.waitForTimeout(SETTLE_MS);
        add(build, 'ran', browserPssMb());
        add(build, 'ranWorkers', page.workers().length);
        add(build, 'ranCounted', await pageCount(page));
      });
    });
  }

  if (wants('six')) {
    await interleaved(rounds, (build) => withBrowser(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${build.server.url}six-frames.html`);
      await page.waitForFunction(() => window.__runnable.every((at) => at !== null), null, { timeout: 120_000 });
      const at = await page.evaluate(() => window.__runnable);
      add(build, 'sixFirst', Math.min(...at));
      add(build, 'sixLast', Math.max(...at));
      await page.waitForTimeout(SETTLE_MS);
      add(build, 'sixIdle', browserPssMb());
      add(build, 'sixIdleWorkers', page.workers().length);
      const after = [];
      for (const frame of page.frames().filter((frame) => frame !== page.mainFrame())) {
        await frame.locator('[data-testid=run]').click();
        await finished(frame);
        await page.waitForTimeout(500);
        after.push(Math.round(browserPssMb()));
      }
      await page.waitForTimeout(SETTLE_MS);
      add(build, 'sixRan', browserPssMb());
      add(build, 'sixRanWorkers', page.workers().length);
      add(build, 'sixSteps', after.join(' '));
    }));
  }

  if (wants('start')) {
    const program = readFileSync(resolve('benchmarks/thread_start.py'), 'utf8');
    await withBrowser((browser) => interleaved(loads, async (build) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${build.base}#/demo/python`);
      await enabled(page);
      await page.getByTestId('editor').fill(program);
      for (const run of ['first', 'second']) {
        await page.getByTestId('run').click();
        await finished(page);
        const started = /thread start: median ([0-9.]+) ms, slowest ([0-9.]+) ms/.exec(await page.getByTestId('console').textContent());
        add(build, `${run}StartMedian`, Number(started[1]));
        add(build, `${run}StartSlowest`, Number(started[2]));
      }
      await context.close();
    }));
  }

  if (wants('warm')) {
    // The gil demo (modern GIL, threads): its sequential part on the first run, Run
    // clicked as soon as it is enabled, then on the same page's second run.
    await withBrowser((browser) => interleaved(loads, async (build) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${build.base}#/demo/gil`);
      await enabled(page);
      const clicked = Date.now();
      const sequential = [];
      for (let run = 0; run < 2; run += 1) {
        await page.getByTestId('run').click();
        await finished(page);
        if (run === 0) add(build, 'warmClickToEnd', Date.now() - clicked);
        const lines = (await page.getByTestId('console').textContent()).split('\n');
        sequential.push(Number.parseFloat(lines[lines.indexOf('Sequential') + 1]));
      }
      add(build, 'warmFirst', sequential[0]);
      add(build, 'warmSecond', sequential[1]);
      add(build, 'warmRatio', sequential[0] / sequential[1]);
      await context.close();
    }));
  }
} finally {
  for (const build of builds) {
    await build.server.close();
    rmSync(build.root, { recursive: true, force: true });
  }
}

const lines = [`${new Date().toISOString()} (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`];
for (const build of builds) {
  const f = build.figures;
  const over = (key) => (f[key] && f.blank ? ` (${(median(f[key]) - median(f.blank)).toFixed(0)} MB over the blank tab)` : '');
  lines.push(`\n${build.dist}`);
  if (f.runnable) lines.push(`  navigation -> first runnable (Run enabled on #/demo/race): ${summary(f.runnable, 'ms')}; workers then ${f.workersAtRunnable.join(' ')}`);
  if (f.blank) {
    lines.push(`  Pss, blank tab: ${summary(f.blank, 'MB')}`);
    lines.push(`  Pss, #/demo/race idle: ${summary(f.idle, 'MB')}${over('idle')}; workers ${f.idleWorkers.join(' ')}`);
    lines.push(`  Pss, #/demo/race after one run: ${summary(f.ran, 'MB')}${over('ran')}; workers ${f.ranWorkers.join(' ')} (page counts ${f.ranCounted.join(' ')})`);
  }
  if (f.sixFirst) {
    lines.push(`  six ${FRAME_ROUTE} frames: first runnable ${summary(f.sixFirst, 'ms')}, all six ${summary(f.sixLast, 'ms')}`);
    lines.push(`  six frames, Pss idle: ${summary(f.sixIdle, 'MB')}${over('sixIdle')}; workers ${f.sixIdleWorkers.join(' ')}`);
    lines.push(`  six frames, Pss after each ran once: ${summary(f.sixRan, 'MB')}${over('sixRan')}; workers ${f.sixRanWorkers.join(' ')}; after the 1st..6th run: ${f.sixSteps.join(' | ')} MB`);
  }
  if (f.firstStartMedian) {
    lines.push(`  Thread.start() -> first line, first run of a page: median of 8 ${summary(f.firstStartMedian, 'ms', 2)}; slowest of 8 ${summary(f.firstStartSlowest, 'ms', 2)}`);
    lines.push(`  Thread.start() -> first line, second run: median of 8 ${summary(f.secondStartMedian, 'ms', 2)}; slowest of 8 ${summary(f.secondStartSlowest, 'ms', 2)}`);
  }
  if (f.warmFirst) {
    lines.push(`  gil demo, sequential part: first run ${summary(f.warmFirst, 's', 2)}, second run ${summary(f.warmSecond, 's', 2)}, first/second ${summary(f.warmRatio, '', 2)}; Run click -> first run over ${summary(f.warmClickToEnd, 'ms')}`);
  }
}
console.log(lines.join('\n'));
