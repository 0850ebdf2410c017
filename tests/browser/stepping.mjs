// Step mode checks (issue 14): on the race demo with 2 threads and 1 increment each,
// under the free-threaded model at instruction granularity, two threads load the same
// counter value (the panel shows it) and one store overwrites the other (the counter
// ends one short); step-back restores the panel exactly; a blocked thread's control is
// disabled with its reason; run-to-end prints what a normal virtual run with that seed
// prints; the editor's marks follow the steps; play steps by itself and stops when
// toggled; the same basics in the simulated build; an axe scan; screenshots.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { axeViolations, summarize } from './axe.mjs';

const RACE = readFileSync(resolve('demos/race.py'), 'utf8');
const small = (threads, rounds) => RACE.replace(/^THREADS = .*$/m, `THREADS = ${threads}`)
  .replace(/^ROUNDS = .*$/m, `ROUNDS = ${rounds}`);

const status = (page) => page.evaluate(() => document.querySelector('[data-testid=status]')?.textContent);
const steps = (page) => page.evaluate(() => Number(document.querySelector('[data-testid=step-status]')?.dataset.steps));

/** Waits until the replay for the current schedule is in (paused, finished...). */
const settled = (page, timeout = 60_000) => page.waitForFunction(
  () => ['paused', 'finished', 'error', 'deadlock', 'stopped'].includes(document.querySelector('[data-testid=status]')?.textContent)
    && !document.querySelector('[data-testid=step-status]')?.textContent.includes('replaying'),
  null, { timeout },
);

async function openRace(page, url, { gil = 'free', program = small(2, 1), seed = '7' } = {}) {
  await page.goto('about:blank');
  await page.goto(`${url}#/demo/race`);
  await page.getByTestId('demo-race').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
  await page.getByTestId('gil-model').selectOption(gil);
  await page.getByTestId('editor').fill(program);
  await page.getByTestId('scheduler').selectOption('virtual').catch(() => {});
  await page.getByTestId('seed').fill(seed);
  await page.getByTestId('seed').dispatchEvent('change');
}

/** Each thread's row as the page shows it. */
const rows = (page) => page.evaluate(() => [...document.querySelectorAll('.step-thread')].map((row) => {
  const button = row.querySelector('[data-testid=step-thread]');
  return {
    name: button.dataset.thread,
    enabled: !button.disabled,
    why: row.querySelector('[data-testid=step-why-not]')?.textContent ?? '',
    line: row.querySelector('.where')?.textContent ?? '',
    next: row.querySelector('[data-testid=step-next] code')?.textContent ?? '',
    loaded: [...row.querySelectorAll('[data-testid=step-loaded] code')].map((code) => code.textContent),
  };
}));

async function step(page, name) {
  const before = await steps(page);
  await page.locator(`[data-testid=step-thread][data-thread="${name}"]`).click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=step-status]')?.dataset.steps) !== n, before);
  await settled(page);
  return (await rows(page)).find((row) => row.name === name);
}

/** Steps `name` until `done(row, previous)` holds (previous: its row before the last
 * step); at most `limit` steps. */
async function stepUntil(page, name, done, limit = 80) {
  let previous = null;
  for (let i = 0; i < limit; i += 1) {
    const row = (await rows(page)).find((r) => r.name === name);
    if (row && previous && done(row, previous)) return row;
    if (!row?.enabled) throw new Error(`${name} cannot step: ${JSON.stringify(row)}`);
    previous = row;
    await step(page, name);
  }
  throw new Error(`${name}: no state as wanted after ${limit} steps: ${JSON.stringify(await rows(page))}`);
}

export async function steppingChecks({ browser, url, simulatedUrl, check, expect, artifacts }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await check('step mode, race demo, free, 2 threads x 1: both threads load the same counter, one store overwrites the other (counter 1), step-back restores the panel, a blocked thread says why, the marks follow', async () => {
      await openRace(page, url);
      await page.getByTestId('step-mode').click();
      expect(await page.getByTestId('step-mode').getAttribute('aria-pressed') === 'true', 'toggle not pressed');
      await settled(page);
      expect(await status(page) === 'paused', `entering step mode: ${await status(page)}`);
      expect(await steps(page) === 0, 'entering step mode has steps');
      // Line by line, MainThread (or a new thread it waits for to start) until both
      // workers run and MainThread waits in join.
      let taken = 0;
      for (; taken < 80; taken += 1) {
        const now = await rows(page);
        const main = now.find((row) => row.name === 'MainThread');
        if (now.filter((row) => row.name.startsWith('Thread-')).length === 2 && !main.enabled) break;
        const next = main.enabled ? main : now.find((row) => row.enabled);
        await step(page, next.name);
      }
      const [T1, T2] = (await rows(page)).filter((row) => row.name.startsWith('Thread-')).map((row) => row.name);
      // The marks follow: MainThread's mark sits at the line its row shows.
      const main = (await rows(page)).find((row) => row.name === 'MainThread');
      const mark = await page.locator('[data-testid=step-line-mark][data-thread="MainThread"]').getAttribute('data-line').catch(() => null);
      expect(main.line === `line ${mark}`, `MainThread's row says ${main.line}, its mark is at ${mark}`);
      await page.getByTestId('step-granularity').selectOption('instruction');
      await page.getByTestId('step-panel').waitFor();
      // Each worker until it has loaded the counter.
      const loadedCounter = (row, previous) => /LOAD_GLOBAL.*counter/.test(previous.next);
      const one = await stepUntil(page, T1, loadedCounter);
      const two = await stepUntil(page, T2, loadedCounter);
      const panel = await page.getByTestId('step-panel').innerText();
      expect(one.loaded.at(-1) === '0' && two.loaded.at(-1) === '0', `loaded: Thread-1 ${one.loaded}, Thread-2 ${two.loaded}\n${panel}`);
      // Step back restores the panel exactly.
      const beforeText = await page.getByTestId('step-panel').innerText();
      const count = await steps(page);
      await step(page, T1);
      await page.getByTestId('step-back').click();
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=step-status]')?.dataset.steps) === n, count);
      await settled(page);
      const afterText = await page.getByTestId('step-panel').innerText();
      expect(afterText === beforeText, `after back:\n${afterText}\nbefore:\n${beforeText}`);
      // MainThread, once it waits in join, is disabled with its reason.
      for (let i = 0; i < 20; i += 1) {
        if (!(await rows(page)).find((row) => row.name === 'MainThread').enabled) break;
        await step(page, 'MainThread');
      }
      const blocked = (await rows(page)).find((row) => row.name === 'MainThread');
      expect(!blocked.enabled && blocked.why.length > 0, `MainThread: ${JSON.stringify(blocked)}`);
      await page.screenshot({ path: join(artifacts, 'step-mode-1280.png') });
      // Both stores, each writing 0 + 1.
      const stored = (row, previous) => /STORE_GLOBAL.*counter/.test(previous.next);
      await stepUntil(page, T1, stored);
      await stepUntil(page, T2, stored);
      const schedule = await steps(page);
      await page.getByTestId('step-run-to-end').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
      const text = (await page.getByTestId('console').textContent()).trim();
      const watch = await page.getByTestId('watch').textContent();
      expect(text.endsWith('Final counter: 1') && watch === '1', `console ${text}, counter ${watch}`);
      expect(errors.length === 0, errors.join('\n'));
      return `${taken} MainThread line steps, both loaded 0, ${schedule} steps in all, then run to end: "${text}"`;
    });

    await check('step mode: run to end from the start prints what a normal virtual run with that seed prints (legacy, 3 x 3000)', async () => {
      await openRace(page, url, { gil: 'legacy', program: small(3, 3000), seed: '12345' });
      await page.getByTestId('step-mode').click();
      await settled(page);
      await page.getByTestId('step-run-to-end').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
      const stepped = (await page.getByTestId('console').textContent()).trim();
      await page.getByTestId('step-mode').click();
      expect(await page.getByTestId('step-mode').getAttribute('aria-pressed') === 'false', 'toggle still pressed');
      await page.getByTestId('run').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
      const plain = (await page.getByTestId('console').textContent()).trim();
      expect(stepped === plain, `run to end: ${stepped}; virtual run: ${plain}`);
      return `both print "${plain}"`;
    });

    await check('step mode: play steps by itself at its pace and stops when toggled; axe finds nothing in step mode', async () => {
      await openRace(page, url, { program: small(2, 2) });
      await page.getByTestId('step-mode').click();
      await settled(page);
      await page.getByTestId('step-pace').selectOption('100');
      await page.getByTestId('step-play').click();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=step-status]')?.dataset.steps) >= 4, null, { timeout: 30_000 });
      await page.getByTestId('step-play').click();
      await settled(page);
      const stopped = await steps(page);
      await page.waitForTimeout(1000);
      const later = await steps(page);
      expect(stopped === later && stopped >= 4, `play: ${stopped} steps at stop, ${later} a second later`);
      await page.getByTestId('step-granularity').selectOption('instruction');
      const violations = await axeViolations(page);
      expect(violations.length === 0, summarize(violations));
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await openRace(phone, url);
      await phone.getByTestId('step-mode').click();
      await settled(phone);
      for (let i = 0; i < 14; i += 1) {
        const now = await rows(phone);
        const next = now.find((row) => row.name === 'MainThread' && row.enabled) ?? now.find((row) => row.enabled);
        if (!next) break;
        await step(phone, next.name);
      }
      await phone.getByTestId('step-granularity').selectOption('instruction');
      await phone.screenshot({ path: join(artifacts, 'step-mode-390.png'), fullPage: true });
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      await phone.close();
      expect(width <= 390, `390 px screen: ${width} px wide`);
      return `${stopped} steps by play, none after it stopped; axe 0; phone ${width} px`;
    });

    await check('step mode: a link with steps= opens paused at that schedule; bad steps get a message and no step mode', async () => {
      await page.goto(`${url}#/demo/race?gil=free&steps=0L0L0L`);
      await page.getByTestId('demo-race').waitFor();
      await settled(page);
      const taken = await steps(page);
      expect(taken === 3 && await status(page) === 'paused', `opened with ${taken} steps, ${await status(page)}`);
      await page.goto(`${url}#/demo/race?gil=free&steps=0X`);
      await page.reload();
      await page.getByTestId('demo-race').waitFor();
      const problem = await page.getByTestId('link-problem').textContent();
      expect(problem.includes('steps'), problem);
      expect(await page.getByTestId('step-mode').getAttribute('aria-pressed') === 'false', 'bad steps entered step mode');
      return problem;
    });

    await check('step mode: Copy link carries the schedule; the link opens paused at the same step, with the same panel, in another profile; a reload without it opens the program', async () => {
      await openRace(page, url);
      await page.getByTestId('step-mode').click();
      await settled(page);
      await page.getByTestId('step-granularity').selectOption('instruction');
      for (let i = 0; i < 5; i += 1) await step(page, 'MainThread');
      const want = { steps: await steps(page), rows: await rows(page) };
      await page.getByTestId('share').click();
      const link = await page.getByTestId('share-link').inputValue();
      const schedule = new URL(link).hash.match(/[?&]steps=([^&]*)/)?.[1];
      expect(schedule !== undefined && schedule.length > 0, `no steps= in ${link.slice(0, 160)}`);
      const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, keepSavedEdits: true });
      try {
        const opened = await other.newPage();
        await opened.goto(link);
        await opened.getByTestId('demo-race').waitFor({ timeout: 30_000 });
        await settled(opened);
        const got = { steps: await steps(opened), rows: await rows(opened) };
        expect(await status(opened) === 'paused', `opened: ${await status(opened)}`);
        expect(JSON.stringify(got) === JSON.stringify(want), `opened at ${JSON.stringify(got).slice(0, 300)}, want ${JSON.stringify(want).slice(0, 300)}`);
        // A reload of the plain demo (its saved edit) opens the program, not the steps.
        await opened.goto(`${url}#/demo/race`);
        await opened.reload();
        await opened.getByTestId('demo-race').waitFor({ timeout: 30_000 });
        await opened.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
        expect(await opened.getByTestId('step-mode').getAttribute('aria-pressed') === 'false', 'a reload re-entered step mode');
      } finally {
        await other.close();
      }
      // The share panel stays open until closed, and it can lie over the step-mode button
      // (how far down it reaches depends on the fonts that wrap the link).
      await page.getByTestId('share-close').click();
      await page.getByTestId('step-mode').click();
      return `steps=${schedule} (${want.steps} steps), ${link.length - url.length} characters after the site's address`;
    });

    if (simulatedUrl) {
      const plain = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
      await check('step mode in the simulated build: steps, the panel, step-back, run to end', async () => {
        await openRace(plain, simulatedUrl);
        expect(await plain.getByTestId('engine-mode').textContent() === 'simulated', 'not the simulated build');
        await plain.getByTestId('step-mode').click();
        await settled(plain);
        for (let i = 0; i < 80; i += 1) {
          const now = await rows(plain);
          const main = now.find((row) => row.name === 'MainThread');
          if (now.filter((row) => row.name.startsWith('Thread-')).length === 2 && !main.enabled) break;
          await step(plain, (main.enabled ? main : now.find((row) => row.enabled)).name);
        }
        const T1 = (await rows(plain)).find((row) => row.name.startsWith('Thread-')).name;
        await plain.getByTestId('step-granularity').selectOption('instruction');
        const before = await plain.getByTestId('step-panel').innerText();
        const count = await steps(plain);
        await step(plain, T1);
        const moved = await plain.getByTestId('step-panel').innerText();
        await plain.getByTestId('step-back').click();
        await plain.waitForFunction((n) => Number(document.querySelector('[data-testid=step-status]')?.dataset.steps) === n, count);
        await settled(plain);
        const after = await plain.getByTestId('step-panel').innerText();
        expect(after === before && moved !== before, `before:\n${before}\nafter back:\n${after}`);
        await plain.getByTestId('step-run-to-end').click();
        await plain.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
        const text = (await plain.getByTestId('console').textContent()).trim();
        expect(/Final counter: [12]$/.test(text), text);
        return `${count} steps to both threads, back restores the panel, run to end: "${text}"`;
      });
      await plain.close();
    }
  } finally {
    await page.close();
  }
}
