// Processes in the page (issue 15): the `processes` demo runs its two threads and its
// two processes on Web Workers (each process an interpreter of its own), prints both
// timings and its verdicts, and shows a lane group per process on the timeline; on the
// virtual scheduler the processes run side by side in virtual time. No timing is
// asserted on real threads (the machine's cores are shared); the figures are reported.
import { join } from 'node:path';

const waitStatus = (page, words, timeout = 60_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  Array.isArray(words) ? words : [words], { timeout },
);

async function openDemo(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
}

// "  0.41 s, 1.0 running at once on average" -> [0.41, 1.0]
const figures = (line) => (line.match(/[0-9]+\.[0-9]+/g) || []).map(Number);

async function runDemo(page, { model, scheduler }) {
  await page.getByTestId('gil-model').selectOption(model);
  await page.getByTestId('scheduler').selectOption(scheduler);
  await page.getByTestId('run').click();
  await waitStatus(page, ['finished', 'error', 'stopped'], 120_000);
  const status = await page.getByTestId('status').textContent();
  const text = await page.getByTestId('console').textContent();
  const lines = text.split('\n').map((l) => l.trimEnd());
  const at = (head) => lines.indexOf(head);
  const threads = figures(lines[at('Two threads') + 1] || '');
  const processes = figures(lines[at('Two processes') + 1] || '');
  await page.waitForTimeout(150);
  const timeline = page.getByTestId('timeline');
  const lanes = Number(await timeline.getAttribute('data-lanes'));
  const gilLanes = (await timeline.getAttribute('data-gil-lanes') || '').split('|');
  const gilRecorded = Number(await timeline.getAttribute('data-gil-lanes-recorded'));
  return { status, text, lines, threads, processes, lanes, gilLanes, gilRecorded };
}

// One GIL lane per process: the main one's "GIL", then "GIL · Process-N" for each child,
// each with hand-offs recorded (the modern model has a GIL in every process).
function expectGilLanePerProcess(expect, run) {
  const [main, ...children] = run.gilLanes;
  expect(main === 'GIL', `GIL lanes ${run.gilLanes.join(', ')}`);
  expect(children.length === 2 && new Set(children).size === 2
    && children.every((label) => /^GIL \u00b7 Process-[0-9]+$/.test(label)), `GIL lanes ${run.gilLanes.join(', ')}`);
  expect(run.gilRecorded === 3, `${run.gilRecorded} GIL lanes with hand-offs (${run.gilLanes.join(', ')})`);
}

export async function processesChecks({ browser, url, check, expect, artifacts }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await check('processes demo on real threads: two threads take turns under the modern GIL, two processes each get a lane, both timings printed', async () => {
      await openDemo(page, url, 'processes');
      const run = await runDemo(page, { model: 'modern', scheduler: 'threads' });
      expect(run.status === 'finished', `status ${run.status}: ${run.text}`);
      for (const line of ['Two threads', 'Two processes', 'Threads took turns: they share one GIL']) {
        expect(run.lines.includes(line), `no line ${line}: ${run.text}`);
      }
      expect(run.lines.some((l) => l.startsWith('Processes ')), `no processes verdict: ${run.text}`);
      expect(run.threads.length === 2 && run.processes.length === 2, `figures: ${run.text}`);
      expect(run.lanes === 5, `${run.lanes} lanes`);
      expectGilLanePerProcess(expect, run);
      await page.screenshot({ path: join(artifacts, 'processes-demo.png'), fullPage: true });
      await page.getByTestId('timeline').screenshot({ path: join(artifacts, 'processes-timeline.png') });
      expect(errors.length === 0, errors.join('\n'));
      return `threads ${run.threads[0]} s (${run.threads[1]} at once), processes ${run.processes[0]} s (${run.processes[1]} at once), ${run.lanes} lanes, GIL lanes ${run.gilLanes.join(' / ')}`;
    });

    await check('processes demo on the virtual scheduler: the processes run side by side in virtual time, the threads do not', async () => {
      await openDemo(page, url, 'processes');
      const run = await runDemo(page, { model: 'modern', scheduler: 'virtual' });
      expect(run.status === 'finished', `status ${run.status}: ${run.text}`);
      expect(run.lines.includes('Processes ran side by side: each has a GIL of its own'), run.text);
      expect(run.threads[1] <= 1.2 && run.processes[1] >= 1.8, `at once: threads ${run.threads[1]}, processes ${run.processes[1]}`);
      expect(run.processes[0] < run.threads[0] * 0.6, `virtual times: threads ${run.threads[0]}, processes ${run.processes[0]}`);
      expectGilLanePerProcess(expect, run);
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      try {
        await openDemo(phone, url, 'processes');
        await phone.getByTestId('scheduler').selectOption('virtual');
        await phone.getByTestId('run').click();
        await waitStatus(phone, ['finished', 'error', 'stopped'], 120_000);
        await phone.waitForTimeout(150);
        await phone.screenshot({ path: join(artifacts, 'processes-demo-phone.png'), fullPage: true });
      } finally {
        await phone.close();
      }
      expect(errors.length === 0, errors.join('\n'));
      return `virtual: threads ${run.threads[0]} s, processes ${run.processes[0]} s`;
    });
  } finally {
    await page.close();
  }
}
