// Workers on demand (issue 13): a page starts no Web Worker until a program needs one,
// the pool grows with the threads that run (up to the 40-thread limit, where the next
// thread is refused with "can't start new thread"), Stop frees the threads, a page of
// demo frames starts workers only in the frame that runs, and the first run after a
// load waits for the interpreter's warm-up (begun by the first sign of someone about to
// run something) so it is timed on optimized code.
//
// Workers are counted two ways: the dedicated workers Playwright sees for the page and
// its frames, and the page's own hooks (`threadplayWorkerCount()`,
// `threadplayPoolState()`: started, ready, asked, live, service, max).

const POOL_SIZE = 42; // engine::threads::POOL_SIZE: 40 logical threads + 2 service
const LIMIT = 40; // sched::MAX_LIVE_THREADS

const statusOf = (frame) => frame.evaluate(() => document.querySelector('[data-testid=status]')?.textContent);
const waitStatus = (frame, words, timeout = 30_000) => frame.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  Array.isArray(words) ? words : [words], { timeout },
);
const runnable = (frame) => frame.waitForFunction(
  () => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
const poolState = (frame) => frame.evaluate(() => globalThis.threadplayPoolState());

async function openDemo(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor();
  await runnable(page);
}

/** 39 threads waiting on an event (40 alive with the main thread), then one more. */
const AT_THE_LIMIT = [
  'import threading',
  'hold = threading.Event()',
  `threads = [threading.Thread(target=hold.wait) for _ in range(${LIMIT - 1})]`,
  'for t in threads:',
  '    t.start()',
  'print("alive", threading.active_count())',
  'try:',
  '    threading.Thread(target=hold.wait).start()',
  'except RuntimeError as error:',
  '    print("refused:", error)',
  // Long enough at the limit for the page's sampler to see it on a busy machine (its
  // 2 ms timer may fire tens of ms late).
  'import time',
  'time.sleep(0.3)',
  'hold.set()',
  'for t in threads:',
  '    t.join()',
  'print("alive", threading.active_count())',
].join('\n');

export async function lazypoolChecks({ browser, url, check, expect, artifacts }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  try {
    await check('workers on demand: no worker until a run, the first run waits for the warm-up and is timed after it', async () => {
      await page.goto(`${url}#/`);
      await page.getByTestId('gallery').waitFor();
      // Pointer and keys on a page with nothing to run start nothing.
      await page.locator('.gallery h1').click();
      await page.keyboard.press('Shift');
      await page.waitForTimeout(300);
      expect(page.workers().length === 0, `${page.workers().length} workers on the gallery`);
      await openDemo(page, url, 'race');
      const badge = page.getByTestId('pool-status');
      const readyMs = Number(await badge.getAttribute('data-ready-ms'));
      expect(readyMs > 0, `data-ready-ms ${readyMs}`);
      expect(await badge.getAttribute('data-warm-ms') === null, 'warm before anything ran');
      await page.waitForTimeout(1000);
      let state = await poolState(page);
      expect(page.workers().length === 0 && state.started === 0 && state.asked === 0,
        `an idle demo page has workers: Playwright sees ${page.workers().length}, the page ${JSON.stringify(state)}`);
      expect(await page.evaluate(() => threadplayWorkerCount()) === 0, 'threadplayWorkerCount() is not 0');

      // The run prints when it began; the warm-up's end is on the badge.
      const program = (await page.getByTestId('editor').inputValue())
        + '\nimport time\nprint("began", time.time() - time.monotonic())\n';
      await page.getByTestId('editor').fill(program);
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished', 60_000);
      const lines = (await page.getByTestId('console').textContent()).trim().split('\n');
      expect(lines[0] === 'Final counter: 500000', `race printed ${lines.join(' | ')}`);
      const beganUnixS = Number(lines.find((line) => line.startsWith('began '))?.split(' ')[1]);
      const warmMs = Number(await badge.getAttribute('data-warm-ms'));
      const origin = await page.evaluate(() => performance.timeOrigin);
      const beganMs = beganUnixS * 1000 - origin;
      // The badge gives the warm-up run's own end (not when the page's 20 ms check noticed
      // it); the run begins within a few ms after it (the browser's and Python's clocks
      // may differ by a few ms).
      expect(warmMs > readyMs && beganMs >= warmMs - 40,
        `the run began at ${beganMs.toFixed(0)} ms, the warm-up ended at ${warmMs} ms (ready at ${readyMs})`);
      state = await poolState(page);
      const seen = page.workers().length;
      expect(state.started > 0 && state.started === seen && state.started <= state.asked && state.asked <= POOL_SIZE,
        `after one run: Playwright sees ${seen} workers, the page ${JSON.stringify(state)}`);
      expect(errors.length === 0, errors.join('\n'));
      return `ready at ${readyMs.toFixed(0)} ms with 0 workers; first run began ${(beganMs - warmMs).toFixed(0)} ms after the warm-up ended (${warmMs.toFixed(0)} ms); then ${seen} workers`;
    });

    await check(`workers on demand: the pool grows with the threads to ${POOL_SIZE} workers, the ${LIMIT + 1}st live thread is refused`, async () => {
      await openDemo(page, url, 'python');
      const before = await poolState(page);
      await page.getByTestId('editor').fill(AT_THE_LIMIT);
      // Sample the pool while the threads start.
      await page.evaluate(() => {
        window.__poolSamples = [];
        const look = () => {
          window.__poolSamples.push(threadplayPoolState());
          const word = document.querySelector('[data-testid=status]')?.textContent;
          if (!['finished', 'error'].includes(word) && window.__poolSamples.length < 20_000) setTimeout(look, 2);
        };
        look();
      });
      await page.getByTestId('run').click();
      await waitStatus(page, ['finished', 'error'], 60_000);
      const text = (await page.getByTestId('console').textContent()).trim();
      expect(await statusOf(page) === 'finished', `status ${await statusOf(page)}: ${text}`);
      const lines = text.split('\n');
      expect(lines[0] === `alive ${LIMIT}`, `console: ${text}`);
      expect(lines[1].startsWith("refused: can't start new thread"), `console: ${text}`);
      expect(lines[2] === 'alive 1', `console: ${text}`);
      const samples = await page.evaluate(() => window.__poolSamples);
      const after = await poolState(page);
      const liveMax = Math.max(...samples.map((s) => s.live));
      const growing = samples.every((s, i) => i === 0 || s.asked >= samples[i - 1].asked);
      // Every sample: asked for the threads in use plus a margin, never past the pool.
      const ahead = samples.every((s) => s.asked <= POOL_SIZE && s.asked >= Math.min(POOL_SIZE, s.live + s.service));
      expect(liveMax === LIMIT, `at most ${liveMax} threads alive in the samples`);
      expect(growing && ahead, `pool samples: ${JSON.stringify(samples.filter((_, i) => i % 10 === 0))}`);
      expect(after.started === POOL_SIZE && page.workers().length === POOL_SIZE,
        `at the limit: the page ${JSON.stringify(after)}, Playwright sees ${page.workers().length}`);
      expect(errors.length === 0, errors.join('\n'));
      return `${before.started} -> ${after.started} workers (asked ${samples[0]?.asked} .. ${after.asked}), ${lines[1]}`;
    });

    await check('workers on demand: Stop frees every thread, the workers stay for the next run', async () => {
      await openDemo(page, url, 'python');
      const spinners = 'import threading\ndef spin():\n    while True:\n        pass\nfor _ in range(20):\n    threading.Thread(target=spin).start()\nwhile True:\n    pass\n';
      await page.getByTestId('editor').fill(spinners);
      await page.getByTestId('run').click();
      await page.waitForFunction(() => threadplayPoolState().live === 21, null, { timeout: 10_000 });
      await page.getByTestId('stop').click();
      await waitStatus(page, 'stopped', 5_000);
      await page.waitForFunction(() => { const s = threadplayPoolState(); return s.live === 0 && s.service === 0; }, null, { timeout: 5_000 });
      const freed = await poolState(page);
      const many = 'import threading\nhits = []\nts = [threading.Thread(target=hits.append, args=(i,)) for i in range(30)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(len(hits))\n';
      await page.getByTestId('editor').fill(many);
      await page.getByTestId('run').click();
      await waitStatus(page, ['finished', 'error'], 20_000);
      const text = await page.getByTestId('console').textContent();
      expect(text === '30\n', `after stopping, a 30-thread program printed: ${text}`);
      // No worker stops: the pool keeps what it grew to (all of it after the previous
      // check, at least the 20 spinners, main and keeper when run alone).
      const now = await poolState(page);
      expect(freed.started >= 22 && now.started === freed.started && now.started === page.workers().length,
        `workers after Stop ${JSON.stringify(freed)}, after the next run ${JSON.stringify(now)}`);
      expect(errors.length === 0, errors.join('\n'));
      return `after Stop ${JSON.stringify(freed)}`;
    });

    await check('workers on demand: a Stop before the run has a worker ends it at once', async () => {
      // A fresh page: the first run waits for workers and the warm-up; Stop it then.
      await page.goto('about:blank');
      await openDemo(page, url, 'race');
      const latency = await page.evaluate(() => new Promise((done) => {
        document.querySelector('[data-testid=run]').click();
        const clicked = performance.now();
        setTimeout(() => {
          const waitedFor = threadplayPoolState();
          document.querySelector('[data-testid=stop]').click();
          const stopped = performance.now();
          const look = () => {
            const word = document.querySelector('[data-testid=status]').textContent;
            if (word !== 'running') done({ ms: performance.now() - stopped, word, after: stopped - clicked, waitedFor });
            else requestAnimationFrame(look);
          };
          look();
        }, 10);
      }));
      expect(latency.word === 'stopped' && latency.ms < 100, `Stop: ${JSON.stringify(latency)}`);
      const text = (await page.getByTestId('console').textContent()).trim();
      expect(!text.includes('Final counter'), `the stopped run printed: ${text}`);
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished', 60_000);
      const next = (await page.getByTestId('console').textContent()).trim();
      expect(next.startsWith('Final counter: 500000'), `the next run printed: ${next}`);
      expect(errors.length === 0, errors.join('\n'));
      return `stopped ${latency.ms.toFixed(1)} ms after the click (${latency.after.toFixed(0)} ms into the run, ${latency.waitedFor.ready} of ${latency.waitedFor.asked} workers up)`;
    });

    await check('workers on demand: six demo frames start no worker; running one starts workers in that frame only', async () => {
      await page.goto('about:blank');
      await page.goto(`${url}#/`);
      await page.getByTestId('gallery').waitFor();
      await page.evaluate((src) => {
        document.body.innerHTML = '';
        for (let i = 0; i < 6; i += 1) {
          const frame = document.createElement('iframe');
          frame.src = src;
          frame.title = `demo ${i + 1}`;
          frame.style.cssText = 'width:620px;height:360px';
          document.body.append(frame);
        }
      }, `${url}#/demo/race`);
      const frames = () => page.frames().filter((frame) => frame !== page.mainFrame());
      await page.waitForFunction(() => document.querySelectorAll('iframe').length === 6);
      await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => {
        const run = f.contentDocument?.querySelector('[data-testid=run]');
        return run && !run.disabled;
      }), null, { timeout: 60_000 });
      await page.waitForTimeout(1000);
      const idle = page.workers().length;
      const counts = async () => Promise.all(frames().map((frame) => frame.evaluate(() => threadplayWorkerCount())));
      const idleCounts = await counts();
      expect(idle === 0 && idleCounts.every((n) => n === 0), `idle frames: Playwright sees ${idle}, the frames count ${idleCounts}`);
      const third = frames()[2];
      await third.locator('[data-testid=run]').click();
      await waitStatus(third, 'finished', 60_000);
      let ran = await counts();
      // The spare workers asked for may still be starting when a short run ends: give
      // Playwright a moment to see every worker the frame started.
      for (let waited = 0; waited < 5000 && page.workers().length !== ran[2]; waited += 100) {
        await page.waitForTimeout(100);
        ran = await counts();
      }
      expect(ran[2] > 0 && ran.every((n, i) => i === 2 || n === 0) && page.workers().length === ran[2],
        `after the third frame ran: the frames count ${ran}, Playwright sees ${page.workers().length}`);
      await page.screenshot({ path: `${artifacts}/lazypool-six-frames.png` });
      expect(errors.length === 0, errors.join('\n'));
      return `workers per frame after one ran: ${ran.join(' ')}`;
    });
  } finally {
    await page.close();
  }
}
