// Simulated-threads checks (issue 13): the page served without any isolation headers
// (service workers blocked, so it cannot isolate itself either) loads the simulated
// build only, and runs every Python thread on the virtual scheduler in one engine
// worker: every demo prints its expected lines, the GIL models still show what they
// show (races lose updates under legacy and free, none under modern; each demo's
// verdicts on the virtual clock), output and the timeline move during a run, Stop ends
// an endless loop at once and Run works again, the page's main thread stays free, and
// the run's trace stays bounded.
import { join } from 'node:path';
import { axeViolations, summarize } from './axe.mjs';

const waitStatus = (page, words, timeout = 60_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  Array.isArray(words) ? words : [words], { timeout },
);

async function openDemo(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
}

const consoleLines = async (page) => (await page.getByTestId('console').textContent()).split('\n');

/** Clicks Stop and times, inside the page, how long until the status says "stopped". */
const stopLatency = (page) => page.evaluate(() => new Promise((done) => {
  const clicked = performance.now();
  document.querySelector('[data-testid=stop]').click();
  const look = () => (document.querySelector('[data-testid=status]').textContent === 'stopped'
    ? done(performance.now() - clicked)
    : (performance.now() - clicked > 5000 ? done(Infinity) : requestAnimationFrame(look)));
  requestAnimationFrame(look);
}));

/** Sets one control the way a learner does. */
async function setControl(page, name, value) {
  const control = page.getByTestId(`param-${name.toLowerCase()}`);
  if (value === 'True' || value === 'False') {
    await control.setChecked(value === 'True');
  } else {
    await control.fill(value.replaceAll('_', ''));
    await control.dispatchEvent('change');
  }
}

export async function simulatedChecks({ browser, url, check, expect, artifacts, demos }) {
  // Blocked service workers: the page cannot isolate itself (hosting.mjs covers that).
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const errors = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  const fetched = [];
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (/\.(wasm|js)$/.test(path)) {
      const body = await response.body().catch(() => Buffer.alloc(0));
      fetched.push({ path, bytes: body.length });
    }
  });
  try {
    await check('simulated: without isolation the page loads only the simulated build, says so in one line, and offers Run', async () => {
      await openDemo(page, url, 'race');
      expect(await page.evaluate(() => crossOriginIsolated) === false, 'the page is isolated: the fixture is wrong');
      expect((await page.getByTestId('engine-mode').textContent()).trim() === 'simulated', 'engine-mode is not simulated');
      const note = page.getByTestId('engine-note');
      const text = await note.textContent();
      expect(/simulated on one core/.test(text), `notice: ${text}`);
      // One line: less than two lines' height at its font size (line-height is "normal").
      const fontSize = await note.evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
      const height = (await note.boundingBox()).height;
      expect(height < fontSize * 2.2, `the notice is ${height} px tall at a ${fontSize} px font: more than one line at 1280 px`);
      const link = page.getByTestId('real-threads-link');
      expect(await link.getAttribute('target') === '_blank' && (await link.getAttribute('href')).includes('#/demo/race'),
        `link: ${await link.getAttribute('href')}`);
      const wasm = fetched.filter((file) => file.path.endsWith('.wasm'));
      expect(wasm.length === 1 && wasm[0].path.endsWith('simulated/threadplay-simulated_bg.wasm'),
        `wasm fetched: ${JSON.stringify(wasm)}`);
      expect(!fetched.some((file) => /threadplay-web-/.test(file.path)), `the threads build was fetched: ${fetched.map((f) => f.path)}`);
      expect((await page.getByTestId('scheduler').inputValue()) === 'virtual', 'scheduler is not virtual');
      await page.screenshot({ path: join(artifacts, 'simulated-race-idle.png') });
      expect(errors.length === 0, errors.join('\n'));
      const kb = (bytes) => (bytes / 1024).toFixed(0);
      const total = fetched.reduce((sum, file) => sum + file.bytes, 0);
      return `${kb(total)} KB of script and wasm: ${fetched.map((file) => `${file.path.split('/').slice(-2).join('/')} ${kb(file.bytes)} KB`).join(', ')}`;
    });

    await check('simulated: axe finds no violations after a run, light and dark; on a 390 px phone the notice wraps within the width', async () => {
      const found = [];
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await openDemo(page, url, 'race');
        await page.getByTestId('run').click();
        await waitStatus(page, 'finished');
        const violations = await axeViolations(page);
        found.push(`${scheme}: ${summarize(violations)}`);
        expect(violations.length === 0, `axe, ${scheme}: ${JSON.stringify(violations, null, 1)}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      const phone = await page.context().browser().newPage({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
      try {
        await openDemo(phone, url, 'race');
        const width = await phone.evaluate(() => document.documentElement.scrollWidth);
        const note = await phone.getByTestId('engine-note').boundingBox();
        expect(width <= 390 && note.x + note.width <= 390, `page ${width} px wide, notice ends at ${note.x + note.width} px`);
        const run = await phone.getByTestId('run').boundingBox();
        expect(run.y + run.height <= 844, `Run ends at y ${run.y + run.height}, below the first screen`);
        await phone.screenshot({ path: join(artifacts, 'simulated-phone-race.png'), fullPage: true });
      } finally {
        await phone.close();
      }
      return found.join('; ');
    });

    for (const demo of demos) {
      await check(`simulated: demo ${demo.slug} runs to ${demo.status}, prints its lines, one lane per thread`, async () => {
        await openDemo(page, url, demo.slug);
        await page.getByTestId('run').click();
        await waitStatus(page, demo.status, 120_000);
        const lines = await consoleLines(page);
        if (demo.anyOrder) {
          for (const line of demo.expect) expect(lines.includes(line), `no console line ${JSON.stringify(line)} in ${JSON.stringify(lines)}`);
        } else {
          let from = 0;
          for (const line of demo.expect) {
            const at = lines.indexOf(line, from);
            expect(at >= 0, `console line ${JSON.stringify(line)} missing or out of order in ${JSON.stringify(lines)}`);
            from = at + 1;
          }
        }
        await page.waitForTimeout(100);
        const lanes = Number(await page.getByTestId('timeline').getAttribute('data-lanes'));
        expect(lanes === demo.threads, `${lanes} timeline lanes, expected ${demo.threads}`);
        expect(await page.getByTestId('timeline').getAttribute('data-clock') === 'virtual', 'the timeline is not on the virtual clock');
        await page.screenshot({ path: join(artifacts, `simulated-demo-${demo.slug}.png`) });
        expect(errors.length === 0, errors.join('\n'));
        return `${demo.expect.length} lines, ${lanes} lanes, ${await page.getByTestId('virtual-elapsed').textContent()} virtual`;
      });
    }

    await check('simulated: the unlocked counter loses updates under legacy and free, none under modern', async () => {
      const counts = {};
      // Legacy switches about every 5 ms of virtual time, so a run of the default size
      // switches a few times and loses updates only sometimes (race.demo says so): a
      // million increments per thread, and a new seed for each try, as a learner would.
      const rounds = { legacy: '1_000_000', modern: '1_000_000', free: '100_000' };
      for (const model of ['legacy', 'modern', 'free']) {
        await openDemo(page, url, 'race');
        await page.getByTestId('reset').click();
        await page.getByTestId('gil-model').selectOption(model);
        await setControl(page, 'ROUNDS', rounds[model]);
        const full = 5 * Number(rounds[model].replaceAll('_', ''));
        for (let attempt = 1; attempt <= 4; attempt += 1) {
          await page.getByTestId('run').click();
          await waitStatus(page, 'finished', 120_000);
          counts[model] = `${(await page.getByTestId('watch').textContent()).trim()} of ${full}`;
          if (model === 'modern' || Number.parseInt(counts[model], 10) < full) break;
          counts[model] += ` (seed ${await page.getByTestId('seed').inputValue()} lost none)`;
          await page.getByTestId('new-seed').click();
        }
        if (model === 'free') await page.screenshot({ path: join(artifacts, 'simulated-race-free.png') });
      }
      expect(counts.modern === '5000000 of 5000000', `modern: ${counts.modern}`);
      expect(Number.parseInt(counts.legacy, 10) < 5_000_000, `legacy kept every update in 4 runs: ${counts.legacy}`);
      expect(Number.parseInt(counts.free, 10) < 500_000, `free kept every update: ${counts.free}`);
      return `legacy ${counts.legacy}, modern ${counts.modern}, free ${counts.free}`;
    });

    for (const demo of demos.filter((d) => d.conclusions)) {
      await check(`simulated: ${demo.slug} concludes what the virtual clock shows under each model`, async () => {
        const seen = [];
        for (const run of demo.conclusions.runs) {
          for (const model of ['legacy', 'modern', 'free']) {
            await openDemo(page, url, demo.slug);
            await page.getByTestId('reset').click();
            await page.getByTestId('gil-model').selectOption(model);
            for (const [name, value] of [...(demo.slug === 'gil' ? [['ROUNDS', '2_000_000']] : []), ...run.settings]) {
              await setControl(page, name, value);
            }
            await page.getByTestId('run').click();
            await waitStatus(page, 'finished', 120_000);
            const lines = (await consoleLines(page)).map((line) => line.trimEnd());
            const where = `${model}${run.settings.length ? ` with ${run.settings.map((s) => s.join('=')).join(' ')}` : ''}`;
            const shown = [];
            for (const [question, answers] of Object.entries(demo.conclusions.questions)) {
              const printed = lines.filter((line) => answers.includes(line));
              expect(printed.length === 1, `${where}: ${printed.length} conclusions on ${question}: ${JSON.stringify(lines)}`);
              const required = run.required[`${model}/virtual`]?.[question];
              expect(!required || printed[0] === required, `${where}: ${JSON.stringify(printed[0])}, not ${JSON.stringify(required)}`);
              shown.push(printed[0]);
            }
            seen.push(`${where}: ${shown.join(' / ')}`);
          }
        }
        return seen.join('; ');
      });
    }

    await check('simulated: output and the timeline move during a run; Stop ends an endless loop at once and Run works again', async () => {
      await openDemo(page, url, 'python');
      await page.getByTestId('editor').fill('n = 0\nwhile True:\n    n += 1\n    if n % 200_000 == 0:\n        print("tick", n)\n');
      await page.getByTestId('run').click();
      await waitStatus(page, 'running');
      await page.waitForFunction(() => document.querySelector('[data-testid=console]')?.textContent.includes('tick'), null, { timeout: 20_000 });
      const first = (await consoleLines(page)).filter((line) => line.startsWith('tick')).length;
      await page.waitForTimeout(1000);
      const second = (await consoleLines(page)).filter((line) => line.startsWith('tick')).length;
      expect(await page.getByTestId('status').textContent() === 'running', 'the loop ended by itself');
      expect(second > first, `no new output while running: ${first} then ${second} lines`);
      const latency = await stopLatency(page);
      expect(latency < 100, `stop took ${latency} ms`);
      expect(await page.getByTestId('console-stopped').count() === 1, 'no line says where the run stopped');
      const stoppedAt = (await consoleLines(page)).length;
      await page.waitForTimeout(300);
      expect((await consoleLines(page)).length === stoppedAt, 'output kept coming after Stop');
      await page.getByTestId('editor').fill('import threading\nout = []\nts = [threading.Thread(target=out.append, args=(i,)) for i in range(4)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint("again", sorted(out))\n');
      const again = await page.evaluate(() => new Promise((done) => {
        const clicked = performance.now();
        document.querySelector('[data-testid=run]').click();
        const look = () => (document.querySelector('[data-testid=status]').textContent === 'finished'
          ? done(performance.now() - clicked)
          : (performance.now() - clicked > 30_000 ? done(Infinity) : requestAnimationFrame(look)));
        requestAnimationFrame(look);
      }));
      const text = await page.getByTestId('console').textContent();
      expect(text === 'again [0, 1, 2, 3]\n', `second run printed ${JSON.stringify(text)}`);
      await page.screenshot({ path: join(artifacts, 'simulated-stop.png') });
      return `${first} then ${second} tick lines while running; stopped ${latency.toFixed(1)} ms after the click; the next run (on a fresh worker) finished ${again.toFixed(0)} ms after its click`;
    });

    await check('simulated: a run left going on another page gives way to the next page\'s run', async () => {
      await openDemo(page, url, 'python');
      await page.getByTestId('editor').fill('while True:\n    pass\n');
      await page.getByTestId('run').click();
      await waitStatus(page, 'running');
      // Another demo, by the header's menu (the same document: the engine worker is
      // still busy with the loop nobody watches).
      await page.evaluate(() => { location.hash = '#/demo/first-thread'; });
      await page.getByTestId('demo-first-thread').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished', 30_000);
      const lines = await consoleLines(page);
      const first = demos.find((demo) => demo.slug === 'first-thread');
      for (const line of first.expect) expect(lines.includes(line), `no ${JSON.stringify(line)} in ${JSON.stringify(lines)}`);
      return `${first.expect.length} lines after leaving a busy loop`;
    });

    // After the Stop above, so the run goes to a fresh worker: its clock must agree with
    // the page's (events stamped before the store's start would pile up unsummarized).
    await check('simulated: the main thread stays free during a busy run, whose trace stays within the store\'s caps', async () => {
      await openDemo(page, url, 'race');
      await page.getByTestId('reset').click();
      await page.getByTestId('gil-model').selectOption('free');
      await setControl(page, 'ROUNDS', '1_000_000');
      // Frames and timers measured inside the page while the run goes on.
      await page.evaluate(() => {
        window.__gaps = { last: performance.now(), worst: 0, frames: 0 };
        const tick = () => {
          const now = performance.now();
          window.__gaps.worst = Math.max(window.__gaps.worst, now - window.__gaps.last);
          window.__gaps.last = now;
          window.__gaps.frames += 1;
          if (!window.__gaps.done) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished', 180_000);
      const gaps = await page.evaluate(() => {
        window.__gaps.done = true;
        return window.__gaps;
      });
      const timeline = page.getByTestId('timeline');
      await page.waitForTimeout(200);
      const [recorded, retained, summarized] = await Promise.all(['data-events', 'data-retained', 'data-summarized'].map((name) => timeline.getAttribute(name)));
      const elapsed = Number(await page.getByTestId('elapsed').getAttribute('data-ms'));
      // A blocked main thread shows as a frame gap of the run's length; a free one as a
      // few tens of ms at worst on a busy machine.
      expect(gaps.worst < 1000, `the longest frame gap was ${gaps.worst.toFixed(0)} ms during a ${elapsed.toFixed(0)} ms run`);
      // The detail's cap, and a summary of at most 2 050 entries per lane (as run.mjs).
      const lanes = Number(await timeline.getAttribute('data-lanes'));
      expect(Number(retained) <= 100_000 + lanes * 2_050, `${retained} events retained`);
      expect(Number(recorded) > Number(retained), `recorded ${recorded}, retained ${retained}: nothing summarized`);
      expect(summarized === 'true', `data-summarized=${summarized}`);
      const lost = await page.getByTestId('watch').textContent();
      await page.screenshot({ path: join(artifacts, 'simulated-busy.png') });
      expect(errors.length === 0, errors.join('\n'));
      return `${elapsed.toFixed(0)} ms run, ${gaps.frames} frames, longest gap ${gaps.worst.toFixed(0)} ms; ${recorded} events recorded, ${retained} retained; counter ${lost}`;
    });
  } finally {
    await page.close();
  }
}
