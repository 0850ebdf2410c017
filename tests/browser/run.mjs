// Whole-page tests of the release build in Debian's headless Chromium.
//
//   node tests/browser/run.mjs --dist DIST [--artifacts DIR] [--only TEXT] [--match REGEX]
//
// --only runs just the checks whose name contains TEXT (while working on one).
//
// Serves DIST with the cross-origin-isolation headers (and once without them), drives
// the page through its data-testid hooks, prints each figure it measures, saves
// screenshots to the artifacts folder, and exits non-zero on the first failed check.
import { chromiumPath, CHROMIUM_ARGS } from './chromium.mjs';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { browserPssMb, wasmMemoryMb } from './soak.mjs';
import { robustnessChecks } from './robustness.mjs';
import { stdlibChecks } from './stdlib.mjs';
import { processesChecks } from './processes.mjs';
import { inputChecks } from './input.mjs';
import { steppingChecks } from './stepping.mjs';
import { huntChecks } from './hunt.mjs';
import { offlineChecks } from './offline.mjs';
import { presenterChecks } from './presenter.mjs';
import { editorKeysChecks } from './editor-keys.mjs';
import { shareChecks } from './share.mjs';
import { lazypoolChecks } from './lazypool.mjs';
import { embedChecks } from './embed.mjs';
import { hostingChecks } from './hosting.mjs';
import { simulatedChecks } from './simulated.mjs';
import { modeMatrixChecks } from './mode-matrix.mjs';
import { layoutChecks } from './layout.mjs';
import { a11yChecks } from './a11y.mjs';
import { conclusionsChecks } from './conclusions.mjs';
import { namesChecks } from './names.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist'));
const artifacts = resolve(option('--artifacts', 'target/browser-artifacts'));
mkdirSync(artifacts, { recursive: true });


// The flags this closed network needs: no background connections to Google's hosts.

const only = option('--only', null);
// --match REGEX: the checks whose name matches (a sequence of checks, to see how one
// check's leftovers reach the next).
const match = option('--match', null);
let failures = 0;
const results = [];
async function check(name, body) {
  if (only && !name.includes(only)) return;
  if (match && !new RegExp(match).test(name)) return;
  const started = Date.now();
  try {
    const detail = await body();
    results.push(`ok    ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    failures += 1;
    results.push(`FAIL  ${name}\n        ${String(error?.stack ?? error).split('\n').join('\n        ')}`);
  }
  console.log(results.at(-1), `[${Date.now() - started} ms]`);
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Opens a page and records every console error and uncaught exception on it. */
async function openPage(browser, url, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.goto(url);
  return { page, errors };
}

const status = (page) => page.getByTestId('status').textContent();

/** Holds the page's animation frames back (as a hidden tab does) until the returned
 * function is called; frames asked for meanwhile then run. */
async function withoutFrames(page) {
  await page.evaluate(() => {
    window.__realFrame = window.requestAnimationFrame;
    window.__heldFrames = [];
    window.requestAnimationFrame = (callback) => { window.__heldFrames.push(callback); return 0; };
  });
  return () => page.evaluate(() => {
    window.requestAnimationFrame = window.__realFrame;
    for (const callback of window.__heldFrames.splice(0)) window.requestAnimationFrame(callback);
  });
}

/** Opens `#/demo/<slug>` on `page` and waits until its Run button can be pressed. */
async function openDemo(page, slug) {
  // Within one document the suite's forgetting of saved edits (at each document's
  // start) does not run: forget them here, so an earlier check's edit of this demo
  // does not come back.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('threadplay:edit:')) localStorage.removeItem(key);
    }
  }).catch(() => {});
  await page.goto(`${isolatedServer.url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 20_000 });
}

/** Sets the many-threads demo's two controls (they rewrite DOWNLOADS and SECONDS). */
async function setDownloads(page, downloads, seconds) {
  for (const [id, value] of [['param-downloads', downloads], ['param-seconds', seconds]]) {
    await page.getByTestId(id).fill(String(value));
    await page.getByTestId(id).dispatchEvent('change');
  }
}

/** Counts lanes whose row on the canvas is mostly painted in the lane color `rgb`. */
function paintedLanes(page, rgb, maxLanes) {
  return page.evaluate(({ rgb, maxLanes }) => {
    const canvas = document.querySelector('[data-testid=timeline]');
    const context = canvas.getContext('2d');
    const ratio = canvas.width / canvas.clientWidth;
    const image = context.getImageData(0, 0, canvas.width, canvas.height).data;
    // Geometry of src/ui/timeline.rs: 8 px top padding, 16 px lanes, 4 px gaps, the
    // label column as wide as data-label-width says.
    const label = Number(canvas.getAttribute('data-label-width'));
    const rows = [];
    for (let lane = 0; lane < maxLanes; lane += 1) {
      const y = Math.round((8 + lane * 20 + 8) * ratio);
      if (y >= canvas.height) break;
      let matching = 0;
      let total = 0;
      for (let x = Math.round((label + 8) * ratio); x < canvas.width - 20 * ratio; x += 1) {
        const at = (y * canvas.width + x) * 4;
        total += 1;
        const close = Math.abs(image[at] - rgb[0]) + Math.abs(image[at + 1] - rgb[1]) + Math.abs(image[at + 2] - rgb[2]) < 30;
        if (close) matching += 1;
      }
      rows.push(matching / Math.max(total, 1));
    }
    return rows;
  }, { rgb, maxLanes });
}

const SLEEPING_RGB = [0x3f, 0x7f, 0xdc];

/** How much of the plot's width the lanes' rows are painted in a state's color (running,
 * waiting for the GIL, sleeping, blocked: not the empty track): `extent`, from the first
 * painted column to the last, and `covered`, the columns painted in some lane, both as
 * fractions of the plot (between the label column and the right padding). */
function paintedWidth(page, lanes) {
  return page.evaluate((lanes) => {
    const canvas = document.querySelector('[data-testid=timeline]');
    const context = canvas.getContext('2d');
    const ratio = canvas.width / canvas.clientWidth;
    const image = context.getImageData(0, 0, canvas.width, canvas.height).data;
    // Geometry of src/ui/timeline.rs: the label column (data-label-width), 16 px right pad.
    const label = Number(canvas.getAttribute('data-label-width'));
    const from = Math.ceil(label * ratio);
    const to = Math.floor((canvas.clientWidth - 16) * ratio);
    // state_color in src/ui/timeline.rs.
    const states = [[0x2f, 0x9e, 0x5b], [0xe2, 0xa5, 0x0b], [0x3f, 0x7f, 0xdc], [0xc8, 0x40, 0x2f]];
    const stateAt = (at) => states.some((rgb) => Math.abs(image[at] - rgb[0]) + Math.abs(image[at + 1] - rgb[1]) + Math.abs(image[at + 2] - rgb[2]) < 40);
    let first = -1;
    let last = -1;
    let covered = 0;
    for (let x = from; x < to; x += 1) {
      let painted = false;
      for (let lane = 0; lane < lanes && !painted; lane += 1) {
        const y = Math.round((8 + lane * 20 + 8) * ratio);
        painted = stateAt((y * canvas.width + x) * 4);
      }
      if (painted) {
        if (first < 0) first = x;
        last = x;
        covered += 1;
      }
    }
    const width = Math.max(to - from, 1);
    return { extent: first < 0 ? 0 : (last - first + 1) / width, covered: covered / width };
  }, lanes);
}

/** Clicks Stop and times, inside the page, how long until the status says "stopped". */
function stopLatency(page) {
  return page.evaluate(() => new Promise((done) => {
    const clicked = performance.now();
    document.querySelector('[data-testid=stop]').click();
    const look = () => document.querySelector('[data-testid=status]').textContent === 'stopped'
      ? done(performance.now() - clicked)
      : (performance.now() - clicked > 5000 ? done(Infinity) : requestAnimationFrame(look));
    requestAnimationFrame(look);
  }));
}

/**
 * Every demo description, as the CLI's `threadplay demos` reads demos/*.demo (the one
 * parser of the format, crates/demos; format in demos/README.md).
 */
const demoList = (() => {
  const cli = resolve(option('--cli', 'target/release/threadplay'));
  let json;
  try {
    json = execFileSync(cli, ['demos', '--dir', resolve('demos')], { maxBuffer: 16 << 20 }).toString();
  } catch (error) {
    throw new Error(`cannot list the demos with ${cli} (cargo build --release -p threadplay-cli): ${error.message}`);
  }
  return JSON.parse(json).map((demo) => ({
    slug: demo.slug,
    expect: demo.expect,
    anyOrder: demo.expect_any_order,
    status: demo.status,
    threads: demo.threads,
    conclusions: demo.conclusions,
  }));
})();
const demoDescriptions = () => demoList;

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
// A demo's edit survives a reload (saved per demo in localStorage), so one check's
// changes would reach the next check that opens the same demo. Every page starts from
// the demos' own programs, forgetting saved edits at each navigation, unless its
// context asks to keep them (`keepSavedEdits: true`: the checks of saving itself).
{
  const forgetSavedEdits = () => {
    try {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith('threadplay:edit:')) localStorage.removeItem(key);
      }
    } catch (_) {}
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async ({ keepSavedEdits = false, ...options } = {}) => {
    const context = await newContext(options);
    if (!keepSavedEdits) await context.addInitScript(forgetSavedEdits);
    return context;
  };
  // As Playwright's own: a page in a context of its own, closed with the page.
  browser.newPage = async (options = {}) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => context.close().catch(() => {}));
    return page;
  };
}
const isolatedServer = await serve({ root: dist, isolated: true });
const plainServer = await serve({ root: dist, isolated: false });
try {
  const { page, errors } = await openPage(browser, `${isolatedServer.url}#/demo/many-threads`);

  await check('page loads isolated, pool starts, no console errors', async () => {
    expect(await page.evaluate(() => crossOriginIsolated) === true, 'crossOriginIsolated is not true');
    const pool = page.getByTestId('pool-status');
    await pool.and(page.locator('[data-ready-ms]')).waitFor({ timeout: 20_000 });
    const readyMs = Number(await pool.getAttribute('data-ready-ms'));
    expect(readyMs > 0, `no pool-ready time: ${readyMs}`);
    expect(await status(page) === 'idle', `status is ${await status(page)} before any run`);
    for (const hook of ['run', 'stop', 'status', 'console', 'timeline', 'elapsed', 'editor', 'gil-model', 'demo-list']) {
      expect(await page.getByTestId(hook).count() === 1, `missing data-testid=${hook}`);
    }
    expect(errors.length === 0, errors.join('\n'));
    return `pool ready ${readyMs.toFixed(0)} ms after navigation`;
  });

  await check('many-threads, 8 downloads x 0.5 s: about 0.5 s in all, 9 lanes, 8 painted sleeping', async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 20_000 });
    await setDownloads(page, 8, 0.5);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const lines = (await page.getByTestId('console').textContent()).split('\n').map((line) => line.trim()).filter(Boolean);
    const downloaded = lines.filter((line) => line.startsWith('Downloaded: ')).length;
    expect(downloaded === 8, `${downloaded} downloads reported: ${lines.join(' | ')}`);
    expect(lines.includes('waits: 8 of 0.5 s each, at most 8 at the same moment') && lines.includes('The waits overlapped: every download was waiting at the same moment'), `console: ${lines.join(' | ')}`);
    const elapsed = Number(await page.getByTestId('elapsed').getAttribute('data-ms'));
    expect(elapsed >= 500 && elapsed <= 1000, `elapsed ${elapsed} ms`);
    await page.waitForTimeout(100);
    const lanes = Number(await page.getByTestId('timeline').getAttribute('data-lanes'));
    expect(lanes === 9, `${lanes} lanes drawn (8 downloads and the main thread)`);
    const painted = await paintedLanes(page, SLEEPING_RGB, 10);
    const sleepingLanes = painted.slice(1).filter((share) => share > 0.7).length;
    expect(sleepingLanes === 8, `lanes painted as sleeping: ${painted.map((s) => s.toFixed(2)).join(' ')}`);
    await page.screenshot({ path: join(artifacts, 'many-threads-8x0.5.png'), fullPage: true });
    return `elapsed ${elapsed.toFixed(1)} ms, ${sleepingLanes} download lanes painted sleeping`;
  });

  await check('Stop during a 5 s run ends it within 100 ms; a second run works', async () => {
    await setDownloads(page, 8, 5);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'running');
    await page.waitForTimeout(300);
    // Click and watch for the status word inside the page, frame by frame.
    const latency = await stopLatency(page);
    expect(latency < 100, `stop took ${latency} ms`);
    const stoppedText = await page.getByTestId('console').textContent();
    expect(!stoppedText.includes('Downloaded'), `a thread finished its 5 s sleep: ${stoppedText}`);
    await page.screenshot({ path: join(artifacts, 'many-threads-stopped.png'), fullPage: true });
    await setDownloads(page, 4, 0.2);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const lines = (await page.getByTestId('console').textContent()).split('\n').map((line) => line.trim()).filter(Boolean);
    expect(lines.filter((line) => line.startsWith('Downloaded: ')).length === 4 && lines.includes('The waits overlapped: every download was waiting at the same moment'),
      `second run: ${lines.join(' | ')}`);
    expect(errors.length === 0, errors.join('\n'));
    return `stopped ${latency.toFixed(1)} ms after the click`;
  });

  await check('Python sandbox: a program runs on a worker and its output reaches the page', async () => {
    await page.goto(`${isolatedServer.url}#/demo/python`);
    await page.getByTestId('demo-python').waitFor();
    const program = [
      'def square(n):',
      '    return n * n',
      'print("squares:", [square(i) for i in range(5)])',
      'print(f"{2 ** 64} {1 / 3:.4f} {sorted({3, 1, 2})}")',
      'data = {"a": 1}',
      'print(data["missing"])',
    ].join('\n');
    await page.getByTestId('editor').fill(program);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'error', null, { timeout: 20_000 });
    const text = await page.getByTestId('console').textContent();
    const expected = 'squares: [0, 1, 4, 9, 16]\n18446744073709551616 0.3333 [1, 2, 3]\n'
      + 'Traceback (most recent call last):\n  File "main.py", line 6, in <module>\n    print(data["missing"])\n'
      + "KeyError: 'missing'\n";
    expect(text === expected, `console was:\n${text}`);
    expect(await page.getByTestId('exit-code').textContent() === '1', 'exit code is not 1');
    expect(errors.length === 0, errors.join('\n'));
  });

  await check('Python sandbox: a SyntaxError is underlined at its line as you type, shown with line and caret, and Run stays usable', async () => {
    await page.getByTestId('editor').fill('print("before")\nif True\n    print("x")\n');
    // Before Run: the editor underlines the spot and names the error.
    await page.getByTestId('editor-error').waitFor({ timeout: 5_000 });
    const marked = await page.getByTestId('editor-error').getAttribute('data-line');
    expect(marked === '2', `editor marks line ${marked}`);
    const underlined = await page.locator('.editor .err').count();
    expect(underlined > 0, 'no underlined characters');
    expect(await page.getByTestId('run').isEnabled(), 'Run disabled by a syntax error');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'error', null, { timeout: 20_000 });
    const text = await page.getByTestId('console').textContent();
    const expected = '  File "main.py", line 2\n    if True\n           ^\nSyntaxError: expected \':\'\n';
    expect(text === expected, `console was:\n${text}`);
    // Fixing the line clears the mark, and the next Run works.
    await page.getByTestId('editor').fill('print("before")\nif True:\n    print("x")\n');
    await page.waitForFunction(() => !document.querySelector('[data-testid=editor-error]'), null, { timeout: 5_000 });
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    expect((await page.getByTestId('console').textContent()) === 'before\nx\n', 'output after the fix');
    // A runtime error is marked at the line its traceback ends in.
    await page.getByTestId('editor').fill('x = 1\ny = x / 0\n');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'error', null, { timeout: 20_000 });
    const runtimeLine = await page.getByTestId('editor-error').getAttribute('data-line');
    const runtimeText = await page.getByTestId('editor-error').textContent();
    expect(runtimeLine === '2' && runtimeText.includes('ZeroDivisionError'), `runtime error marked at ${runtimeLine}: ${runtimeText}`);
    return `syntax error marked at line ${marked}, ZeroDivisionError at line ${runtimeLine}`;
  });

  await check('Python sandbox: Stop ends an infinite loop and frees its worker', async () => {
    await page.getByTestId('editor').fill('n = 0\nwhile True:\n    n += 1\n');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'running');
    await page.waitForTimeout(300);
    const latency = await stopLatency(page);
    expect(latency < 100, `stop took ${latency} ms`);
    await page.getByTestId('editor').fill('print("again", sum(range(10)))');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    expect((await page.getByTestId('console').textContent()) === 'again 45\n', 'second run output');
    await page.screenshot({ path: join(artifacts, 'python-sandbox.png'), fullPage: true });
    return `stopped ${latency.toFixed(1)} ms after the click`;
  });

  await check('threads in the page: three 1 s downloads overlap (1.00-1.05 s)', async () => {
    const program = [
      'import threading, time',
      'def download(url):',
      '    time.sleep(1)',
      'urls = ["a", "b", "c"]',
      'start = time.perf_counter()',
      'threads = [threading.Thread(target=download, args=(u,)) for u in urls]',
      'for t in threads:',
      '    t.start()',
      'for t in threads:',
      '    t.join()',
      'print(f"{time.perf_counter() - start:.4f}")',
    ].join('\n');
    await page.getByTestId('gil-model').selectOption('modern');
    await page.getByTestId('editor').fill(program);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const seconds = Number((await page.getByTestId('console').textContent()).trim());
    expect(seconds >= 1.0 && seconds <= 1.05, `three 1 s sleeps took ${seconds} s`);
    // The timeline has a lane per Python thread: the main thread and the three workers,
    // each worker's row mostly "sleeping" blue.
    await page.waitForTimeout(100);
    const lanes = Number(await page.getByTestId('timeline').getAttribute('data-lanes'));
    expect(lanes === 4, `${lanes} timeline lanes`);
    const painted = await paintedLanes(page, SLEEPING_RGB, 4);
    expect(painted.slice(1).every((share) => share > 0.7), `sleeping share per lane: ${painted.map((s) => s.toFixed(2)).join(' ')}`);
    await page.screenshot({ path: join(artifacts, 'python-threads.png'), fullPage: true });
    return `${seconds.toFixed(3)} s, ${lanes} lanes`;
  });

  await check('threads in the page: the unlocked counter loses updates only without a GIL', async () => {
    const program = [
      'import threading',
      'counter = 0',
      'def bump():',
      '    global counter',
      '    for _ in range(100_000):',
      '        counter += 1',
      'threads = [threading.Thread(target=bump) for _ in range(5)]',
      'for t in threads:',
      '    t.start()',
      'for t in threads:',
      '    t.join()',
      'print(counter)',
    ].join('\n');
    const results = {};
    for (const model of ['modern', 'free']) {
      await page.getByTestId('gil-model').selectOption(model);
      await page.getByTestId('editor').fill(program);
      await page.getByTestId('run').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 30_000 });
      results[model] = Number((await page.getByTestId('console').textContent()).trim());
    }
    expect(results.modern === 500000, `modern GIL lost updates: ${results.modern}`);
    expect(results.free < 500000, `free-threaded kept every update: ${results.free}`);
    return `modern ${results.modern}, free ${results.free}`;
  });

  await check('threads in the page: stopping busy threads frees their workers', async () => {
    await page.getByTestId('gil-model').selectOption('modern');
    const spinners = 'import threading\ndef spin():\n    while True:\n        pass\nfor _ in range(20):\n    threading.Thread(target=spin).start()\nwhile True:\n    pass\n';
    await page.getByTestId('editor').fill(spinners);
    await page.getByTestId('run').click();
    await page.waitForTimeout(500);
    await page.getByTestId('stop').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'stopped', null, { timeout: 5_000 });
    // 30 more threads only start if the 21 stopped ones gave their workers back.
    await page.waitForTimeout(300);
    const many = 'import threading\nhits = []\nts = [threading.Thread(target=hits.append, args=(i,)) for i in range(30)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(len(hits))\n';
    await page.getByTestId('editor').fill(many);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => ['finished', 'error'].includes(document.querySelector('[data-testid=status]')?.textContent), null, { timeout: 20_000 });
    const text = await page.getByTestId('console').textContent();
    expect(text === '30\n', `after stopping, a 30-thread program printed: ${text}`);
  });

  await check('threads in the page: a lock-order deadlock is detected and named', async () => {
    await page.getByTestId('gil-model').selectOption('modern');
    const program = [
      'import threading, time',
      'lock_a = threading.Lock()',
      'lock_b = threading.Lock()',
      'def first():',
      '    with lock_a:',
      '        time.sleep(0.1)',
      '        with lock_b:',
      '            pass',
      'def second():',
      '    with lock_b:',
      '        time.sleep(0.1)',
      '        with lock_a:',
      '            pass',
      'ts = [threading.Thread(target=first, name="T1"), threading.Thread(target=second, name="T2")]',
      'for t in ts:',
      '    t.start()',
      'for t in ts:',
      '    t.join()',
    ].join('\n');
    await page.getByTestId('editor').fill(program);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'deadlock', null, { timeout: 5_000 });
    const text = await page.getByTestId('console').textContent();
    expect(text.includes('T1 holds lock_a and waits for lock_b; T2 holds lock_b and waits for lock_a'), `console: ${text}`);
    await page.screenshot({ path: join(artifacts, 'python-deadlock.png'), fullPage: true });
  });

  await check('virtual scheduler in the page: one worker, virtual clock, same seed same run', async () => {
    await page.getByTestId('gil-model').selectOption('free');
    await page.getByTestId('scheduler').selectOption('virtual');
    const program = [
      'import threading, time',
      'counter = 0',
      'def bump():',
      '    global counter',
      '    time.sleep(2)',
      '    for _ in range(20_000):',
      '        counter += 1',
      'start = time.monotonic()',
      'threads = [threading.Thread(target=bump) for _ in range(4)]',
      'for t in threads:',
      '    t.start()',
      'for t in threads:',
      '    t.join()',
      'print(counter, round(time.monotonic() - start))',
    ].join('\n');
    // The seed is shown with the virtual scheduler, and runs use it.
    await page.getByTestId('seed').fill('12345');
    await page.getByTestId('seed').dispatchEvent('change');
    const outputs = [];
    let took = 0;
    for (let run = 0; run < 2; run++) {
      await page.getByTestId('editor').fill(program);
      const started = Date.now();
      await page.getByTestId('run').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
      took = Date.now() - started;
      outputs.push((await page.getByTestId('console').textContent()).trim());
    }
    const [counter, seconds] = outputs[0].split(' ').map(Number);
    expect(outputs[0] === outputs[1], `two runs with the same seed differ: ${outputs.join(' / ')}`);
    expect(counter < 80000, `free-threaded on the virtual scheduler kept every update: ${counter}`);
    expect(seconds === 2, `virtual clock read ${seconds} s for 2 s sleeps`);
    expect(took < 2000, `2 virtual seconds took ${took} ms of real time`);
    const virtualClock = await page.getByTestId('virtual-elapsed').textContent();
    expect(virtualClock.startsWith('2.0') && virtualClock.endsWith(' s'), `virtual clock shows ${virtualClock}`);
    await page.waitForTimeout(100);
    const lanes = Number(await page.getByTestId('timeline').getAttribute('data-lanes'));
    expect(lanes === 5, `${lanes} timeline lanes`);
    await page.screenshot({ path: join(artifacts, 'python-virtual.png'), fullPage: true });
    // "new seed" picks another seed, and the next run uses it (and still runs right).
    await page.getByTestId('new-seed').click();
    const fresh = await page.getByTestId('seed').inputValue();
    expect(/^\d+$/.test(fresh) && fresh !== '12345', `new seed: ${fresh}`);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const third = (await page.getByTestId('console').textContent()).trim();
    expect(third.endsWith(' 2'), `run with seed ${fresh}: ${third}`);
    expect(await page.getByTestId('seed').inputValue() === fresh, 'the seed changed by itself');
    await page.getByTestId('scheduler').selectOption('threads');
    expect(await page.getByTestId('seed').count() === 0, 'the seed is shown for real threads');
    return `${outputs[0]} twice with seed 12345, ${took} ms real, ${lanes} lanes; seed ${fresh}: ${third}`;
  });

  await check('virtual scheduler timeline: fit shows the run edge to edge in virtual time', async () => {
    await page.getByTestId('gil-model').selectOption('modern');
    await page.getByTestId('scheduler').selectOption('virtual');
    // Short in virtual time (a few ms), however long it takes in real time.
    const program = [
      'import threading',
      'counter = 0',
      'def bump():',
      '    global counter',
      '    for _ in range(20_000):',
      '        counter += 1',
      'threads = [threading.Thread(target=bump) for _ in range(3)]',
      'for t in threads:',
      '    t.start()',
      'for t in threads:',
      '    t.join()',
      'print(counter)',
    ].join('\n');
    await page.getByTestId('editor').fill(program);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    await page.waitForTimeout(100);
    const canvas = page.getByTestId('timeline');
    await page.getByTestId('timeline-zoom-in').click();
    await page.getByTestId('timeline-fit').click();
    await page.waitForTimeout(50);
    const clock = await canvas.getAttribute('data-clock');
    expect(clock === 'virtual', `timeline clock: ${clock}`);
    const windowMs = Number(await canvas.getAttribute('data-window-ms'));
    const virtualText = await page.getByTestId('virtual-elapsed').textContent();
    const virtualMs = parseFloat(virtualText) * (virtualText.endsWith(' s') ? 1000 : 1);
    const realMs = Number(await page.getByTestId('elapsed').getAttribute('data-ms'));
    expect(Math.abs(windowMs - virtualMs) <= Math.max(0.1, virtualMs * 0.05), `fit window ${windowMs} ms, virtual clock ${virtualText} (real ${realMs} ms)`);
    const lanes = Number(await canvas.getAttribute('data-lanes'));
    const painted = await paintedWidth(page, lanes);
    expect(painted.extent > 0.9 && painted.covered > 0.8, `after fit the lanes cover ${JSON.stringify(painted)} of the width`);
    // The axis is labelled virtual, under the lane names.
    const labelled = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=timeline]');
      const ratio = canvas.width / canvas.clientWidth;
      const image = canvas.getContext('2d').getImageData(0, 0, Math.round(130 * ratio), canvas.height).data;
      const axisTop = canvas.height - Math.round(26 * ratio);
      let ink = 0;
      for (let at = axisTop * Math.round(130 * ratio) * 4; at < image.length; at += 4) if (image[at + 3] > 100) ink += 1;
      return ink;
    });
    expect(labelled > 20, `no "virtual time" caption under the lane names (${labelled} inked pixels)`);
    await canvas.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'timeline-virtual-fit.png'), fullPage: true });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await openDemo(phone, 'python');
    await phone.getByTestId('scheduler').selectOption('virtual');
    await phone.getByTestId('editor').fill(program);
    await phone.getByTestId('run').click();
    await phone.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    await phone.waitForTimeout(100);
    await phone.getByTestId('timeline-fit').click();
    await phone.waitForTimeout(50);
    const phonePainted = await paintedWidth(phone, lanes);
    expect(phonePainted.extent > 0.9, `390 px: after fit the lanes cover ${JSON.stringify(phonePainted)} of the width`);
    await phone.screenshot({ path: join(artifacts, 'phone-timeline-virtual-fit.png'), fullPage: true });
    await phone.close();
    await page.getByTestId('scheduler').selectOption('threads');
    return `window ${windowMs} virtual ms (real ${realMs.toFixed(0)} ms), painted ${JSON.stringify(painted)}, phone ${JSON.stringify(phonePainted)}`;
  });

  await check('keyboard, console cap and Reset on a demo page', async () => {
    await openDemo(page, 'python');
    const original = readFileSync(resolve('demos/sandbox.py'), 'utf8');
    // 5000 printed lines: the console keeps the last 2000 and says how many it dropped.
    await page.getByTestId('editor').fill('for i in range(5000):\n    print("line", i)\n');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const dropped = await page.getByTestId('console-dropped').textContent();
    const text = await page.getByTestId('console').textContent();
    expect(dropped.includes('3000 earlier lines'), `dropped note: ${dropped}`);
    expect(text.endsWith('line 4999\n') && !text.includes('line 2999\n'), `console kept ${text.split('\n').length} lines`);
    // Escape stops a running program.
    await page.getByTestId('editor').fill('while True:\n    pass\n');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'running', null, { timeout: 5_000 });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'stopped', null, { timeout: 5_000 });
    // The switch interval control reaches sys.getswitchinterval().
    // Typed text survives the page's renders before the field's change takes it: the
    // editor's input here re-renders the page between the typing and the change (a late
    // frame of the stopped run once did the same, and Yew put the old value back).
    // The focus stays in the field (leaving it would fire the change at once).
    await page.getByTestId('switch-interval').fill('20');
    await page.evaluate(() => {
      const editor = document.querySelector('[data-testid=editor]');
      editor.value = 'import sys\nprint(sys.getswitchinterval())\n';
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    });
    const typedKept = await page.getByTestId('switch-interval').inputValue();
    expect(typedKept === '20', `the switch interval field showed ${typedKept} after a render, not what was typed`);
    await page.getByTestId('switch-interval').dispatchEvent('change');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const interval = (await page.getByTestId('console').textContent()).trim();
    expect(interval === '0.02', `switch interval 20 ms gave ${interval}`);
    await page.getByTestId('switch-interval').fill('5');
    await page.getByTestId('switch-interval').dispatchEvent('change');
    // Reset brings the demo's own program back.
    await page.getByTestId('reset').click();
    const restored = await page.waitForFunction(
      (want) => document.querySelector('[data-testid=editor]')?.value === want,
      original,
      { timeout: 2_000 },
    ).then(() => true, () => false);
    expect(restored, `Reset did not restore the program: ${(await page.getByTestId('editor').inputValue()).slice(0, 60)}`);
  });

  await check('a change and Ctrl+Enter in the same task run with what is on the screen (program, switch interval, scheduler)', async () => {
    await openDemo(page, 'python');
    // Everything in one task, before the page can render: the run must still take the
    // new values (the keys' listener once ran the previous render's settings).
    await page.evaluate(() => {
      const editor = document.querySelector('[data-testid=editor]');
      editor.value = 'import sys\nprint("fresh", sys.getswitchinterval())\n';
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      const interval = document.querySelector('[data-testid=switch-interval]');
      interval.value = '20';
      interval.dispatchEvent(new Event('input', { bubbles: true }));
      interval.dispatchEvent(new Event('change', { bubbles: true }));
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const printed = (await page.getByTestId('console').textContent()).trim();
    expect(printed === 'fresh 0.02', `the run printed ${JSON.stringify(printed)}`);
    // The scheduler, the same way: the run takes the virtual scheduler chosen in the
    // same task (its timeline's clock says so).
    const program = 'import threading\nout = []\ndef w(n):\n    for i in range(300):\n        out.append(n)\nts = [threading.Thread(target=w, args=(k,)) for k in range(3)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(len(out))\n';
    await page.evaluate((program) => {
      const editor = document.querySelector('[data-testid=editor]');
      editor.value = program;
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      const scheduler = document.querySelector('[data-testid=scheduler]');
      scheduler.value = 'virtual';
      scheduler.dispatchEvent(new Event('change', { bubbles: true }));
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    }, program);
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const clock = await page.getByTestId('timeline').getAttribute('data-clock');
    expect(clock === 'virtual', `the run after choosing the virtual scheduler in the same task ran on the ${clock} clock`);
    await page.getByTestId('switch-interval').fill('5');
    await page.getByTestId('switch-interval').dispatchEvent('change');
    await page.getByTestId('scheduler').selectOption('threads');
    return `${printed}; virtual clock after a same-task scheduler change`;
  });

  await check('long runs stay bounded: an endless print loop keeps the tab flat, with and without frames; a busy run\'s timeline summarizes its start', async () => {
    await openDemo(page, 'python');
    await page.getByTestId('gil-model').selectOption('modern');
    await page.getByTestId('editor').fill('while True:\n    print("spam " * 20)\n');
    await page.getByTestId('run').click();
    await page.waitForTimeout(2_000);
    const before = browserPssMb();
    const wasmBefore = await wasmMemoryMb(page);
    await page.waitForTimeout(4_000);
    // A hidden tab gets no frames: the run's keeper and the bounded output queue must
    // hold memory flat without the page draining anything.
    const showAgain = await withoutFrames(page);
    await page.waitForTimeout(5_000);
    await showAgain();
    await page.waitForTimeout(1_000);
    const after = browserPssMb();
    const wasmAfter = await wasmMemoryMb(page);
    expect(await status(page) === 'running', `the print loop ended: ${await status(page)}`);
    // Before the trace and output were bounded the tab grew about 60 MB a second.
    expect(after - before < 120, `the tab grew from ${before.toFixed(0)} to ${after.toFixed(0)} MB in 10 s`);
    expect(wasmAfter - wasmBefore < 32, `wasm memory grew from ${wasmBefore.toFixed(0)} to ${wasmAfter.toFixed(0)} MB in 10 s`);
    const dropped = await page.getByTestId('console-dropped').textContent();
    expect(/\d{6,} earlier lines/.test(dropped), `dropped note: ${dropped}`);
    const printStop = await stopLatency(page);
    expect(printStop < 500, `stopped ${printStop} ms after the click`);

    // Eight threads yielding in a loop: hundreds of thousands of state changes in a few
    // seconds, past the store's cap, so the start of the run becomes a summary.
    const yielders = 'import threading, time\ndef spin():\n    while True:\n        time.sleep(0)\nfor _ in range(8):\n    threading.Thread(target=spin, daemon=True).start()\nwhile True:\n    time.sleep(0)\n';
    await page.getByTestId('editor').fill(yielders);
    await page.evaluate(() => { window.__timelineDrawMs = []; });
    await page.getByTestId('run').click();
    const canvas = page.getByTestId('timeline');
    await page.waitForFunction(() => document.querySelector('[data-testid=timeline]')?.getAttribute('data-summarized') === 'true', null, { timeout: 30_000, polling: 250 });
    await page.waitForTimeout(2_000);
    const number = async (name) => Number(await canvas.getAttribute(name));
    // Read together: the attributes of one draw (the run goes on between two reads).
    const [events, recorded, retained] = await page.evaluate(() => {
      const timeline = document.querySelector('[data-testid=timeline]');
      return ['data-events', 'data-recorded', 'data-retained'].map((name) => Number(timeline.getAttribute(name)));
    });
    expect(events === recorded && retained < events && retained <= 100_000 + 9 * 2_050, `events ${events}, recorded ${recorded}, retained ${retained}`);
    const summaryMs = await number('data-summary-ms');
    const windowMs = await number('data-window-ms');
    const draws = await page.evaluate(() => window.__timelineDrawMs.slice().sort((a, b) => a - b));
    const p95 = draws[Math.floor(draws.length * 0.95)] ?? 0;
    // Hover the start of a worker's lane: the summary says what it shows.
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    let tip = null;
    for (const part of [0.5, 0.4, 0.3, 0.2, 0.6]) {
      const share = Math.min(0.5, summaryMs / windowMs) * part;
      const label = Number(await canvas.getAttribute('data-label-width'));
      await page.mouse.move(box.x + label + (box.width - label - 16) * share, box.y + 8 + 1 * 20 + 8);
      tip = await page.getByTestId('timeline-tooltip').textContent({ timeout: 1_000 }).catch(() => null);
      if (tip?.includes('summary: each')) break;
    }
    expect(tip?.includes('summary: each'), `tooltip over the summary: ${tip}`);
    await page.screenshot({ path: join(artifacts, 'timeline-summary.png'), fullPage: true });
    const busyStop = await stopLatency(page);
    expect(busyStop < 500, `stopped ${busyStop} ms after the click`);
    return `print loop: ${before.toFixed(0)} -> ${after.toFixed(0)} MB PSS, wasm ${wasmBefore.toFixed(0)} -> ${wasmAfter.toFixed(0)} MB over 10 s (5 s without frames), stop ${printStop.toFixed(0)} ms; busy run: ${events} events, ${retained} kept, summary before ${summaryMs.toFixed(0)} ms, draw p95 ${p95.toFixed(2)} ms (n=${draws.length}), stop ${busyStop.toFixed(0)} ms`;
  });

  await check('the gallery at #/ lists every demo by section', async () => {
    await page.goto(`${isolatedServer.url}#/`);
    await page.getByTestId('gallery').waitFor();
    const demos = demoDescriptions();
    for (const demo of demos) {
      expect(await page.getByTestId(`gallery-${demo.slug}`).count() === 1, `${demo.slug} missing from the gallery`);
    }
    await page.screenshot({ path: join(artifacts, 'gallery.png'), fullPage: true });
    return `${demos.length} demos`;
  });

  for (const demo of demoDescriptions()) {
    await check(`demo ${demo.slug}: runs to ${demo.status}, prints its lines, one lane per thread`, async () => {
      await openDemo(page, demo.slug);
      await page.getByTestId('run').click();
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid=status]')?.textContent === want,
        demo.status,
        { timeout: 30_000 },
      );
      const lines = (await page.getByTestId('console').textContent()).split('\n');
      if (demo.anyOrder) {
        for (const line of demo.expect) expect(lines.includes(line), `${demo.slug}: no console line ${JSON.stringify(line)} in ${JSON.stringify(lines)}`);
      } else {
        let from = 0;
        for (const line of demo.expect) {
          const at = lines.indexOf(line, from);
          expect(at >= 0, `${demo.slug}: console line ${JSON.stringify(line)} missing or out of order in ${JSON.stringify(lines)}`);
          from = at + 1;
        }
      }
      await page.waitForTimeout(100);
      const lanes = Number(await page.getByTestId('timeline').getAttribute('data-lanes'));
      expect(lanes === demo.threads, `${demo.slug}: ${lanes} timeline lanes, expected ${demo.threads}`);
      await page.screenshot({ path: join(artifacts, `demo-${demo.slug}.png`), fullPage: true });
      return `${demo.expect.length} lines, ${lanes} lanes`;
    });
  }

  await check('live thread markers in the editor; console lines tagged with their thread', async () => {
    await openDemo(page, 'many-threads');
    await page.getByTestId('run').click();
    // Mid-run: the three download threads sleep on the same line, main waits in join().
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=thread-marker]').length >= 4, null, { timeout: 5_000 });
    const markers = await page.evaluate(() => [...document.querySelectorAll('[data-testid=thread-marker]')]
      .map((dot) => ({ lane: dot.dataset.lane, line: dot.closest('.ln').querySelector('.number').textContent })));
    const sleepLine = await page.evaluate(() => {
      const lines = document.querySelector('[data-testid=editor]').value.split('\n');
      return String(lines.findIndex((l) => l.includes('time.sleep(')) + 1);
    });
    const onSleep = markers.filter((m) => m.line === sleepLine).map((m) => m.lane).sort();
    expect(JSON.stringify(onSleep) === '["1","2","3"]', `markers ${JSON.stringify(markers)}, sleep on line ${sleepLine}`);
    await page.locator('.region.code').screenshot({ path: join(artifacts, 'editor-markers.png') });
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    expect(await page.locator('[data-testid=thread-marker]').count() === 0, 'markers left after the run');
    const tags = await page.evaluate(() => [...document.querySelectorAll('[data-testid=console] .line')]
      .map((line) => [line.dataset.thread, line.textContent.trim()]));
    expect(tags.length === 6 && tags.every(([who]) => who === 'MainThread'), `tags ${JSON.stringify(tags)}`);
    // A line printed by a worker carries the worker's name.
    await openDemo(page, 'first-thread');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const byThread = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid=console] .line')]
      .map((line) => [line.textContent.trim(), line.dataset.thread])));
    const worker = Object.entries(byThread).find(([text]) => text.startsWith('Hello'));
    expect(worker && worker[1].startsWith('Thread-1'), `tags ${JSON.stringify(byThread)}`);
    return `markers on line ${sleepLine} for lanes ${onSleep.join(',')}; "${worker[0]}" tagged ${worker[1]}`;
  });

  await check('dark theme follows the system setting', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openDemo(page, 'race');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.screenshot({ path: join(artifacts, 'demo-race-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(background === 'rgb(18, 21, 27)', `dark page background is ${background}`);
  });

  /** Opens a demo, optionally edits its program, picks a GIL model, runs it to `until`. */
  async function runDemo(slug, { model = 'modern', edit = (text) => text, until = 'finished' } = {}) {
    await openDemo(page, slug);
    await page.getByTestId('reset').click();
    await page.waitForTimeout(50);
    await page.getByTestId('editor').fill(edit(await page.getByTestId('editor').inputValue()));
    await page.getByTestId('gil-model').selectOption(model);
    await page.getByTestId('run').click();
    if (until) {
      // Polled every 100 ms rather than every frame: the runs here time CPU-bound
      // threads, and the page's main thread shares the 2 cores with them.
      await page.waitForFunction((want) => document.querySelector('[data-testid=status]')?.textContent === want, until, { timeout: 30_000, polling: 100 });
    }
    return (await page.getByTestId('console').textContent()).split('\n');
  }

  await check('demo toggles: free threads help the gil demo, lose race updates; one lock order ends the deadlock', async () => {
    // How many threads ran at once (the demo's CPU-time figure: running-state time per
    // wall second), not the wall-clock speedup, which needs both cores free and is a
    // benchmark's business; under free-threading both threads run at once.
    const atOnce = (lines) => Number(lines.find((line) => line.includes('threads running at once')).match(/([\d.]+) threads running/)[1]);
    const freeLines = await runDemo('gil', { model: 'free' });
    const freeRuns = [atOnce(freeLines)];
    expect(freeRuns[0] >= 1.5, `gil under free: ${freeRuns[0]} threads running at once`);
    expect(!freeLines.includes('Threads did not help: they took turns, one at a time'), `gil under free said the threads took turns: ${freeLines.join(' | ')}`);
    const modernLines = await runDemo('gil', { model: 'modern' });
    const modern = atOnce(modernLines);
    expect(modern <= 1.2, `gil under modern: ${modern} threads running at once`);
    expect(modernLines.includes('Threads did not help: they took turns, one at a time'), `gil under modern: ${modernLines.join(' | ')}`);
    const race = await runDemo('race', { model: 'free' });
    const counter = Number(race.find((l) => l.startsWith('Final counter:'))?.split(':')[1]);
    expect(counter < 500000, `race under free kept every update: ${counter}`);
    const ordered = await runDemo('deadlock', { edit: (text) => text.replace('SAME_ORDER = False', 'SAME_ORDER = True') });
    expect(ordered.length > 4, `deadlock demo with one lock order: ${ordered.join(' | ')}`);
    return `gil: ${freeRuns[0]} threads at once under free, ${modern} under modern; free race counter ${counter}`;
  });

  await check('controls rewrite the program: race with the lock control on prints threads x iterations under free', async () => {
    await openDemo(page, 'race');
    await page.getByTestId('reset').click();
    const setNumber = async (id, value) => {
      await page.getByTestId(id).fill(String(value));
      await page.getByTestId(id).dispatchEvent('change');
    };
    await setNumber('param-threads', 4);
    await setNumber('param-rounds', 50000);
    await page.getByTestId('param-wrap').check();
    const code = await page.getByTestId('editor').inputValue();
    expect(code.includes('THREADS = 4\n') && code.includes('ROUNDS = 50_000'), `constants not rewritten:\n${code}`);
    expect(/\n        with lock:\n            counter \+= 1/.test(code), `the update is not wrapped in with lock:\n${code}`);
    await page.getByTestId('gil-model').selectOption('free');
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 30_000 });
    const locked = (await page.getByTestId('console').textContent()).trim();
    expect(locked === 'Final counter: 200000', `with the lock: ${locked}`);
    expect((await page.getByTestId('watch').textContent()) === '200000', 'watched counter');
    expect((await page.getByTestId('watch-expected').textContent()).startsWith('expected 200000'), 'expected value');
    expect(await page.getByTestId('watch-lost').count() === 0, 'lost updates shown with the lock');
    const waits = Number(await page.getByTestId('lock-waits').textContent());
    // Unwrapping restores the racy line, and the lost updates are counted.
    await page.getByTestId('param-wrap').uncheck();
    expect(!(await page.getByTestId('editor').inputValue()).includes('with lock:'), 'lock not unwrapped');
    let unlocked = '';
    for (let attempt = 0; attempt < 3 && !(await page.getByTestId('watch-lost').count()); attempt++) {
      await page.getByTestId('run').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 30_000 });
      unlocked = (await page.getByTestId('console').textContent()).trim();
    }
    const lost = await page.getByTestId('watch-lost').textContent();
    expect(/\d+ lost/.test(lost), `no lost updates shown: ${unlocked}`);
    // Typing in the code moves the control.
    const text = await page.getByTestId('editor').inputValue();
    await page.getByTestId('editor').fill(text.replace('THREADS = 4', 'THREADS = 7'));
    expect((await page.getByTestId('param-threads').inputValue()) === '7', 'control did not follow the code');
    await page.screenshot({ path: join(artifacts, 'controls-race.png'), fullPage: true });
    return `locked: ${locked} (${waits} waits); unlocked: ${unlocked}, ${lost.trim()}`;
  });

  await check('quiz: every option gives feedback at once, one is right, and the proof runs', async () => {
    await page.goto(`${isolatedServer.url}#/demo/quiz`);
    await page.getByTestId('quiz').waitFor();
    const options = await page.locator('[data-testid^=quiz-option-]').count();
    expect(options === 4, `${options} options`);
    const verdicts = [];
    for (let index = 0; index < options; index++) {
      await page.getByTestId(`quiz-option-${index}`).click();
      const feedback = page.getByTestId('quiz-feedback');
      verdicts.push(await feedback.getAttribute('data-right'));
      expect((await feedback.textContent()).length > 60, `option ${index}: feedback too short`);
    }
    expect(verdicts.filter((v) => v === 'true').length === 1, `verdicts ${verdicts}`);
    await page.getByTestId(`quiz-option-${verdicts.indexOf('true')}`).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=quiz-run]')?.disabled, null, { timeout: 20_000 });
    await page.getByTestId('quiz-run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 30_000 });
    const lines = (await page.getByTestId('console').textContent()).split('\n');
    expect(lines.includes('waiting jobs: threads help') && lines.includes('computing jobs: threads do not help'), `proof printed ${JSON.stringify(lines)}`);
    await page.screenshot({ path: join(artifacts, 'quiz-answered.png'), fullPage: true });
    return `right answer: option ${String.fromCharCode(65 + verdicts.indexOf('true'))}`;
  });

  await check('demo daemon: Stop ends it within 100 ms and Run works again', async () => {
    await runDemo('daemon', { until: null });
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'running', null, { timeout: 5_000 });
    await page.waitForTimeout(300);
    const took = await stopLatency(page);
    expect(took < 100, `stopped ${took} ms after the click`);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 20_000 });
    return `stopped ${took.toFixed(1)} ms after the click`;
  });

  await check('timeline: GIL lane with forced hand-offs, hover tooltip, zoom and fit; a blocked span names its lock', async () => {
    const canvas = page.getByTestId('timeline');
    const number = async (name) => Number(await canvas.getAttribute(name));
    const tooltip = () => page.getByTestId('timeline-tooltip').textContent({ timeout: 500 }).catch(() => null);
    // Geometry of src/ui/timeline.rs: the label column (data-label-width), 16 px right pad,
    // lanes every 20 px from 8 px, the GIL lane 6 px below the last lane.
    const hover = async (lane, share) => {
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      const label = await number('data-label-width');
      await page.mouse.move(box.x + label + (box.width - label - 16) * share, box.y + 8 + lane * 20 + 8);
      return tooltip();
    };
    await runDemo('gil', { model: 'modern' });
    await page.waitForTimeout(100);
    const handoffs = await number('data-gil-handoffs');
    const forced = await number('data-gil-forced');
    expect(handoffs > 0 && forced > 0, `GIL hand-offs ${handoffs}, forced ${forced}`);
    const events = await number('data-events');
    expect(events > 0 && events === await number('data-recorded'), `drew ${events} of ${await number('data-recorded')} events`);
    const lanes = await number('data-lanes');
    let tip = null;
    for (const share of [0.8, 0.7, 0.9, 0.75, 0.85, 0.95]) {
      tip = await hover(1, share);
      if (tip && /line \d+/.test(tip)) break;
    }
    expect(tip && /line \d+/.test(tip) && /running|waiting for GIL|sleeping|blocked/.test(tip), `worker lane tooltip: ${tip}`);
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    const label = await number('data-label-width');
    await page.mouse.move(box.x + label + (box.width - label - 16) * 0.8, box.y + 8 + lanes * 20 + 6 + 6);
    const gilTip = await tooltip();
    expect(gilTip?.startsWith('GIL') && /held by|nobody/.test(gilTip), `GIL lane tooltip: ${gilTip}`);
    await page.screenshot({ path: join(artifacts, 'timeline-gil-hover.png'), fullPage: true });
    const fitWindow = await number('data-window-ms');
    await page.getByTestId('timeline-zoom-in').click();
    const zoomed = await number('data-window-ms');
    expect(zoomed < fitWindow * 0.6, `zoom in: window ${fitWindow} -> ${zoomed} ms`);
    await page.locator('.timeline-frame').focus();
    await page.keyboard.press('+');
    const keyed = await number('data-window-ms');
    expect(keyed < zoomed * 0.6, `key +: window ${zoomed} -> ${keyed} ms`);
    const startBefore = await number('data-view-start-ms');
    await page.keyboard.press('ArrowRight');
    expect(await number('data-view-start-ms') > startBefore, 'ArrowRight did not pan');
    await page.getByTestId('timeline-fit').click();
    const fitted = await number('data-window-ms');
    expect(Math.abs(fitted - fitWindow) < 0.01, `fit: window ${fitted} ms, was ${fitWindow} ms`);
    // The deadlock demo: T1 ends blocked on lock_b, and the tooltip says so.
    await runDemo('deadlock', { until: 'deadlock' });
    await page.waitForTimeout(100);
    let blocked = null;
    for (const share of [0.95, 0.9, 0.85]) {
      blocked = await hover(1, share);
      if (blocked?.includes('waiting for')) break;
    }
    expect(blocked?.includes('blocked, waiting for lock_b'), `T1 tooltip: ${blocked}`);
    // The cycle is drawn: T1 waits on T2 (lock_b), T2 on T1 (lock_a), main on T1.
    const edges = (await canvas.getAttribute('data-wait-edges')).split(';').sort();
    expect(JSON.stringify(edges) === JSON.stringify(['0->1:T1 to finish', '1->2:lock_b', '2->1:lock_a']), `wait edges ${JSON.stringify(edges)}`);
    const cycle = await page.getByTestId('wait-cycle').textContent();
    expect(cycle.includes('T1 holds lock_a and waits for lock_b') && cycle.includes('T2 holds lock_b and waits for lock_a'), `cycle caption: ${cycle}`);
    await page.screenshot({ path: join(artifacts, 'timeline-deadlock-hover.png'), fullPage: true });
    return `${handoffs} hand-offs (${forced} forced), ${events} events; window ${fitWindow.toFixed(0)} -> ${zoomed.toFixed(0)} -> ${keyed.toFixed(0)} ms; ${JSON.stringify(blocked)}`;
  });

  await check('a 390 px phone: the gallery and every demo page fit the width', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const widths = {};
    // Every page, loaded; the per-demo checks above saved each page at 1280 px after a run.
    const routes = ['#/', ...demoDescriptions().map((demo) => `#/demo/${demo.slug}`)];
    for (const route of routes) {
      await phone.goto(`${isolatedServer.url}${route}`);
      await phone.waitForSelector(route === '#/' ? '[data-testid=gallery]' : `[data-testid=demo-${route.split('/').pop()}]`);
      await phone.waitForTimeout(300);
      widths[route] = await phone.evaluate(() => document.documentElement.scrollWidth);
      const name = route === '#/' ? 'gallery' : route.split('/').pop();
      await phone.screenshot({ path: join(artifacts, `phone-${name}.png`), fullPage: true });
    }
    await phone.close();
    for (const [route, width] of Object.entries(widths)) {
      expect(width <= 390, `${route} is ${width} px wide on a 390 px screen`);
    }
    return `${Object.keys(widths).length} pages, widest ${Math.max(...Object.values(widths))} px`;
  });

  await robustnessChecks({ browser, url: isolatedServer.url, check, expect, artifacts });
  await stdlibChecks({ browser, url: isolatedServer.url, check, expect, artifacts });
  await processesChecks({ browser, url: isolatedServer.url, check, expect, artifacts });
  await inputChecks({ browser, url: isolatedServer.url, simulatedUrl: plainServer.url, check, expect, artifacts });
  await steppingChecks({ browser, url: isolatedServer.url, simulatedUrl: plainServer.url, check, expect, artifacts });
  await huntChecks({ browser, url: isolatedServer.url, simulatedUrl: plainServer.url, check, expect, artifacts });
  await offlineChecks({ browser, dist, check, expect, artifacts });
  await presenterChecks({ browser, url: isolatedServer.url, plainUrl: plainServer.url, check, expect, artifacts, demos: demoDescriptions });
  await editorKeysChecks({ browser, url: isolatedServer.url, simulatedUrl: plainServer.url, check, expect, artifacts });
  await shareChecks({ browser, url: isolatedServer.url, check, expect, artifacts, demos: demoDescriptions() });
  await lazypoolChecks({ browser, url: isolatedServer.url, check, expect, artifacts });
  await embedChecks({ browser, url: isolatedServer.url, check, expect, artifacts, demos: demoDescriptions(), dist });
  await hostingChecks({ browser, dist, check, expect, artifacts });
  await simulatedChecks({ browser, url: plainServer.url, check, expect, artifacts, demos: demoDescriptions() });
  await shareChecks({ browser, url: plainServer.url, check, expect, artifacts, demos: demoDescriptions(), simulated: true });
  await modeMatrixChecks({ dist, demos: demoDescriptions(), check, expect });
  await layoutChecks({ browser, url: isolatedServer.url, check, expect, artifacts, demos: demoDescriptions });
  await a11yChecks({ browser, url: isolatedServer.url, check, expect, artifacts, cli: option('--cli', 'target/release/threadplay') });
  await conclusionsChecks({ browser, url: isolatedServer.url, check, expect, artifacts, demos: demoDescriptions() });
  await namesChecks({ browser, url: isolatedServer.url, check, expect, artifacts });

  await check('unknown demo slug gets a message, not a blank page', async () => {
    await page.goto(`${isolatedServer.url}#/demo/no-such-demo`);
    await page.getByTestId('unknown-demo').waitFor();
  });
  await page.close();
} finally {
  await browser.close();
  await isolatedServer.close();
  await plainServer.close();
}

console.log(`\nbrowser tests: ${results.length - failures} passed, ${failures} failed; screenshots in ${artifacts}`);
process.exit(failures ? 1 : 0);
