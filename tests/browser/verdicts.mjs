// The gil demo's verdict on the first run after a cold page load, per GIL model and
// scheduler: each load is a new browser context (no cache, a fresh wasm instance and
// worker pool), the model and scheduler are chosen, the demo runs once and its verdict
// and figures are read from the console. Prints a table.
//
//   node tests/browser/verdicts.mjs --dist DIST [--loads 10] [--rounds 10_000_000]
//
// --rounds rewrites the demo's ROUNDS control (the default keeps the demo's own).
import { chromiumPath, CHROMIUM_ARGS } from './chromium.mjs';
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { serve } from './serve.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist'));
const loads = Number(option('--loads', '10'));
const rounds = option('--rounds', null);


// As run.mjs: no background connections to Google's hosts.

const VERDICTS = {
  'Threads helped: both jobs really ran at once': 'helped',
  'Threads helped a little: they ran at once only part of the time': 'a little',
  'Threads did not help: they took turns, one at a time': 'took turns',
  'The threads ran at once, but no sooner: no core was free for the second': 'no free core',
};

async function oneLoad(browser, url, model, scheduler) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${url}#/demo/gil`);
    await page.getByTestId('demo-gil').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
    await page.getByTestId('gil-model').selectOption(model);
    await page.getByTestId('scheduler').selectOption(scheduler);
    if (rounds) {
      await page.getByTestId('param-rounds').fill(rounds);
      await page.getByTestId('param-rounds').dispatchEvent('change');
    }
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 120_000 });
    const lines = (await page.getByTestId('console').textContent()).split('\n');
    const verdict = lines.map((line) => VERDICTS[line]).find(Boolean) ?? `? ${JSON.stringify(lines)}`;
    const figures = lines.find((line) => line.includes('threads running at once')) ?? '';
    const atOnce = Number(figures.match(/([\d.]+) threads running/)?.[1]);
    const [sequential] = lines.filter((line) => /^\s+[\d.]+ s$/.test(line)).map((line) => Number.parseFloat(line));
    const threaded = Number.parseFloat(figures);
    return { verdict, atOnce, sequential, threaded };
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const server = await serve({ root: dist, isolated: true });
const rows = [];
try {
  for (const scheduler of ['threads', 'virtual']) {
    for (const model of ['modern', 'legacy', 'free']) {
      const runs = [];
      for (let load = 0; load < loads; load++) runs.push(await oneLoad(browser, server.url, model, scheduler));
      const count = (name) => runs.filter((run) => run.verdict === name).length;
      const atOnce = runs.map((run) => run.atOnce).sort((a, b) => a - b);
      const ratio = runs.map((run) => run.sequential / run.threaded).sort((a, b) => a - b);
      const row = {
        scheduler, model, loads: runs.length,
        'took turns': count('took turns'), 'a little': count('a little'), helped: count('helped'),
        'no free core': count('no free core'),
        other: runs.length - count('took turns') - count('a little') - count('helped') - count('no free core'),
        'at once min..max': `${atOnce[0]}..${atOnce.at(-1)}`,
        'seq/threaded min..max': `${ratio[0].toFixed(2)}..${ratio.at(-1).toFixed(2)}`,
        // What the demo's earlier rule (helped when threaded < 0.75 * sequential) said.
        'old rule helped': runs.filter((run) => run.threaded < 0.75 * run.sequential).length,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.table(rows);
