// Robustness checks (issue 10): the page never dies. Long runs keep memory flat, a
// program that allocates forever gets MemoryError, deeply nested data is freed without
// overflowing the engine's stack, run/stop cycles do not leak, and a crash shows a panel
// with a working restart. The long versions (10 minutes, 500 cycles) are
// scripts/bench-longrun; these are shortened, with the bounds stated in each name.
import { join } from 'node:path';
import {
  SOAK_PROGRAMS, heartbeatProgram, soak, browserPssMb, growthAfter, stopLatencyMs, statusOf,
} from './soak.mjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SOAK_SECONDS = 40;
const SOAK_SAMPLE_SECONDS = 5;

const waitStatus = (page, words, timeout = 30_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  Array.isArray(words) ? words : [words], { timeout },
);

async function openDemo(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
}

async function raceRunsRight(page, url) {
  await openDemo(page, url, 'race');
  await page.getByTestId('run').click();
  await waitStatus(page, 'finished', 60_000);
  const text = (await page.getByTestId('console').textContent()).trim();
  if (text !== 'Final counter: 500000') throw new Error(`race after it printed: ${text}`);
  return text;
}

export async function robustnessChecks({ browser, url, check, expect, artifacts }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const programs = { ...SOAK_PROGRAMS, 'daemon heartbeat': heartbeatProgram(readFileSync(resolve('demos/daemon.py'), 'utf8')) };
    for (const [name, program] of Object.entries(programs)) {
      await check(`long run, ${name}: ${SOAK_SECONDS} s with wasm memory growth under 16 MB and Pss under 48 MB after the first 10 s, Stop under 100 ms, the next run right`, async () => {
        await openDemo(page, url, 'python');
        const result = await soak(page, { program, seconds: SOAK_SECONDS, sampleSeconds: SOAK_SAMPLE_SECONDS, drawWindowSeconds: 5 });
        const { samples, stop } = result;
        const wasm = growthAfter(samples, 10, 'wasmMb');
        const pss = growthAfter(samples, 10, 'pssMb');
        expect(samples.every((s) => s.status === 'running'), `status during the run: ${samples.map((s) => s.status).join(' ')}`);
        expect(wasm < 16, `wasm memory grew ${wasm.toFixed(1)} MB after 10 s: ${samples.map((s) => s.wasmMb.toFixed(0)).join(' ')}`);
        expect(pss < 48, `Pss grew ${pss.toFixed(1)} MB after 10 s: ${samples.map((s) => s.pssMb.toFixed(0)).join(' ')}`);
        expect(stop.status === 'stopped' && stop.ms < 100, `Stop: ${stop.status} after ${stop.ms} ms`);
        const next = await raceRunsRight(page, url);
        expect(errors.length === 0, errors.join('\n'));
        return `wasm ${samples[0].wasmMb.toFixed(0)} -> ${samples.at(-1).wasmMb.toFixed(0)} MB, Pss ${samples[0].pssMb.toFixed(0)} -> ${samples.at(-1).pssMb.toFixed(0)} MB,`
          + ` draw p95 ${result.drawEarly?.p95?.toFixed(2)} -> ${result.drawLate?.p95?.toFixed(2)} ms, stop ${stop.ms.toFixed(1)} ms, then ${next}`;
      });
    }

    await check('a program that allocates forever gets MemoryError with a traceback; the page still runs the race demo', async () => {
      await openDemo(page, url, 'python');
      await page.getByTestId('editor').fill('data = []\nwhile True:\n    data.append([0] * 1000)\n');
      await page.getByTestId('run').click();
      await waitStatus(page, ['error', 'finished', 'stopped'], 120_000);
      const text = await page.getByTestId('console').textContent();
      expect(await statusOf(page) === 'error', `status ${await statusOf(page)}`);
      expect(text.startsWith('Traceback (most recent call last):') && text.trimEnd().endsWith('MemoryError'), `console: ${text}`);
      const next = await raceRunsRight(page, url);
      expect(errors.length === 0, errors.join('\n'));
      return `${text.trim().split('\n').join(' | ')}; then ${next}`;
    });

    await check('a list nested 100000 deep is built, printed (RecursionError) and freed; the page stays usable', async () => {
      await openDemo(page, url, 'python');
      const program = [
        'a = []',
        'for _ in range(100000):',
        '    a = [a]',
        'try:',
        '    repr(a)',
        'except RecursionError as error:',
        '    print("repr:", error)',
        'del a',
        'print("freed")',
      ].join('\n');
      await page.getByTestId('editor').fill(program);
      await page.getByTestId('run').click();
      await waitStatus(page, ['finished', 'error'], 60_000);
      const text = await page.getByTestId('console').textContent();
      expect(await statusOf(page) === 'finished', `status ${await statusOf(page)}: ${text}`);
      expect(text.includes('repr: maximum recursion depth exceeded') && text.trimEnd().endsWith('freed'), `console: ${text}`);
      const next = await raceRunsRight(page, url);
      expect(errors.length === 0, errors.join('\n'));
      return `${text.trim().split('\n').join(' | ')}; then ${next}`;
    });

    await check('100 run/stop cycles on the race demo: each ends stopped or finished, Pss grows under 5%, a full run prints 500000', async () => {
      await openDemo(page, url, 'race');
      // One full run first, so what every run allocates once (code, caches) is counted.
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished', 60_000);
      // And the offline copies (www/sw.js, a few seconds after load): a one-time cost too.
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 30_000 });
      const before = browserPssMb();
      const endings = {};
      for (let cycle = 0; cycle < 100; cycle += 1) {
        await page.getByTestId('run').click();
        // The run has started once the page disables Run (it may end before we look).
        await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 2_000 }).catch(() => {});
        await page.waitForTimeout(2 + (cycle % 5));
        const ending = await page.getByTestId('stop').isEnabled() ? (await stopLatencyMs(page)).status : await statusOf(page);
        endings[ending] = (endings[ending] ?? 0) + 1;
        await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false);
      }
      const after = browserPssMb();
      const growth = (after / before - 1) * 100;
      expect(Object.keys(endings).every((word) => ['stopped', 'finished'].includes(word)), `endings ${JSON.stringify(endings)}`);
      expect(growth < 5, `Pss ${before.toFixed(0)} -> ${after.toFixed(0)} MB (${growth.toFixed(1)}%)`);
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished', 60_000);
      const text = (await page.getByTestId('console').textContent()).trim();
      expect(text === 'Final counter: 500000', `final run: ${text}`);
      return `Pss ${before.toFixed(0)} -> ${after.toFixed(0)} MB (${growth.toFixed(1)}%), endings ${JSON.stringify(endings)}`;
    });
  } finally {
    await page.close();
  }

  for (const where of ['worker', 'main']) {
    await check(`crash on the ${where} thread: the crash panel, status error, Restart keeps the edited program and runs`, async () => {
      const crashPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await crashPage.goto(`${url}?crash-test=${where}#/demo/race`);
        await crashPage.getByTestId('demo-race').waitFor();
        await crashPage.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 20_000 });
        const edited = (await crashPage.getByTestId('editor').inputValue()).replace('THREADS = 5', 'THREADS = 4');
        expect(edited.includes('THREADS = 4'), 'the race program has no THREADS = 5 line');
        await crashPage.getByTestId('editor').fill(edited);
        await crashPage.getByTestId('run').click();
        await crashPage.getByTestId('crash-panel').waitFor({ timeout: 10_000 });
        const word = await crashPage.getByTestId('status').textContent();
        expect(word === 'error', `status after the crash: ${word}`);
        const message = await crashPage.getByTestId('crash-message').textContent();
        expect(/unreachable/i.test(message), `crash message: ${message}`);
        const focused = await crashPage.evaluate(() => document.activeElement?.dataset?.testid);
        expect(focused === 'crash-restart', `focus is on ${focused}`);
        await crashPage.screenshot({ path: join(artifacts, `crash-panel-${where}.png`) });
        await crashPage.getByTestId('crash-restart').click();
        await crashPage.waitForURL((url) => !url.search.includes('crash-test'));
        await crashPage.getByTestId('demo-race').waitFor();
        await crashPage.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 20_000 });
        const restored = await crashPage.getByTestId('editor').inputValue();
        expect(restored === edited, 'the edited program did not survive the restart');
        expect(await crashPage.getByTestId('crash-panel').count() === 0, 'the panel is still there');
        await crashPage.getByTestId('run').click();
        await crashPage.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 30_000 });
        const text = await crashPage.getByTestId('console').textContent();
        expect(text.includes('Final counter: 400000'), `after the restart: ${text}`);
        return `"${message.split('\n')[0].slice(0, 60)}", restarted with the edit, then ${text.trim()}`;
      } finally {
        await crashPage.close();
      }
    });
  }

}
