// Thread names and the console (issue 12): lane labels sized to the names (whole at
// 1280 px; on a 390 px touch screen a tap on a label or a span shows its tooltip, a tap
// elsewhere hides it, and a drag still pans), console tags as wide as the longest name
// that printed with readable colors in both themes, the console following new output
// unless scrolled up, a one-line note after Stop, every failing thread's error marked in
// the editor, and printed names that match the lanes. Screenshots of the executor and
// race demos and of a failing-thread program at 1280x800 and 390 px.
import { join } from 'node:path';

const waitStatus = (page, words, timeout = 30_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  Array.isArray(words) ? words : [words], { timeout },
);

/** Waits until the run's program has begun (a page's first run first waits for workers
 * and the warm-up; its elapsed time starts when the program does). */
const begun = (page) => page.waitForFunction(
  () => Number(document.querySelector('[data-testid=elapsed]')?.dataset.ms) > 0, null, { timeout: 30_000 });

async function openDemo(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor();
  await page.locator('[data-testid=run]:not([disabled])').waitFor({ timeout: 30_000 });
}

/** Runs what the page holds (or `program`) and waits for one of `ends`. */
async function runToEnd(page, program, ends = ['finished']) {
  if (program !== undefined) await page.getByTestId('editor').fill(program);
  await page.getByTestId('run').click();
  await waitStatus(page, ends, 60_000);
  // The timeline draws the final trace on the next frames.
  await page.waitForTimeout(150);
}

const number = async (locator, name) => Number(await locator.getAttribute(name));

/** Page coordinates of a point of the timeline: `x` CSS px from the canvas's left edge
 * (or, given as { share }, that share across the plot) on lane `lane` (-1: the GIL). */
async function timelinePoint(page, x, lane) {
  const canvas = page.getByTestId('timeline');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const label = await number(canvas, 'data-label-width');
  const lanes = await number(canvas, 'data-lanes');
  // Geometry of src/ui/timeline.rs: lanes every 20 px from 8 px, 16 px high; the GIL
  // lane 6 px below the last; 16 px right padding.
  const y = lane < 0 ? 8 + lanes * 20 + 6 + 8 : 8 + lane * 20 + 8;
  const left = typeof x === 'object' ? label + (box.width - label - 16) * x.share : x;
  return { x: box.x + left, y: box.y + y };
}

const tooltipText = (page) => page.getByTestId('timeline-tooltip').textContent({ timeout: 1_000 }).catch(() => null);

/** The title line of the tooltip (the thread's name). */
const tooltipTitle = (page) => page.locator('[data-testid=timeline-tooltip] strong').textContent({ timeout: 1_000 }).catch(() => null);

/** WCAG contrast of two CSS colors as the browser computes them (rgb()/rgba()). */
function contrastOf(a, b) {
  const channels = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = (rgb) => {
    const [r, g, bl] = rgb.map((c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [la, lb] = [lum(channels(a)), lum(channels(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Every console line with a thread tag: its name, the tag's width and the width the
 * whole name needs (measured in the tag's own font), the tag's color and the console's
 * background. */
function consoleTags(page) {
  return page.evaluate(() => {
    const pre = document.querySelector('[data-testid=console]');
    const measure = document.createElement('canvas').getContext('2d');
    return [...pre.querySelectorAll('.line[data-thread]')].map((line) => {
      const tag = getComputedStyle(line, '::before');
      measure.font = `${tag.fontStyle} ${tag.fontWeight} ${tag.fontSize} ${tag.fontFamily}`;
      return {
        name: line.dataset.thread,
        title: line.title,
        text: line.textContent,
        width: parseFloat(tag.width),
        needs: measure.measureText(line.dataset.thread).width,
        color: tag.color,
        background: getComputedStyle(pre).backgroundColor,
        open: line.hasAttribute('data-open'),
      };
    });
  });
}

/** Swipes a finger across the page from (x0, y) to (x1, y) in `steps` moves (CDP touch
 * events: what a real touch screen sends). */
async function swipe(page, x0, x1, y, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const point = (x) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x0) });
  for (let step = 1; step <= steps; step += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x0 + (x1 - x0) * step / steps) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// A program whose threads print with long names: a default-named thread, an executor
// worker and a named one.
const LONG_NAMES = [
  'import threading',
  'from concurrent.futures import ThreadPoolExecutor',
  '',
  'def count_up():',
  '    print("counting up")',
  '',
  't = threading.Thread(target=count_up)',
  't.start()',
  't.join()',
  'with ThreadPoolExecutor(max_workers=1) as pool:',
  '    pool.submit(print, "from the pool").result()',
  'print("main: done")',
].join('\n');

// Two threads fail at different lines; the main thread goes on.
const FAILING_THREADS = [
  'import threading',
  'import time',
  '',
  'def work(n):',
  '    time.sleep(0.05 * n)',
  '    if n == 1:',
  '        raise ValueError(f"bad input {n}")',
  '    return 10 / (n - 2)',
  '',
  'threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]',
  'for t in threads:',
  '    t.start()',
  'for t in threads:',
  '    t.join()',
  'print("main goes on")',
].join('\n');

export async function namesChecks({ browser, url, check, expect, artifacts }) {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await desktop.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const mobile = await phone.newPage();
  mobile.on('pageerror', (error) => errors.push(error.message));
  try {
    await check('names: at 1280 px the lane labels show whole names (race, executor), capped at 40% of the width; hovering a label gives the name', async () => {
      const seen = [];
      for (const [slug, lane, name] of [['race', 1, 'Thread-1 (count_up)'], ['executor', 2, 'ThreadPoolExecutor-0_1']]) {
        await openDemo(page, url, slug);
        await runToEnd(page);
        const canvas = page.getByTestId('timeline');
        const cut = await number(canvas, 'data-labels-cut');
        const label = await number(canvas, 'data-label-width');
        const width = (await canvas.boundingBox()).width;
        expect(cut === 0, `${slug}: ${cut} lane names cut at 1280 px (label column ${label} px)`);
        expect(label <= width * 0.4 + 0.5, `${slug}: label column ${label} px of ${width}`);
        const at = await timelinePoint(page, 40, lane);
        await page.mouse.move(at.x, at.y);
        const title = await tooltipTitle(page);
        expect(title === name, `${slug}: tooltip over lane ${lane}'s label: ${title}`);
        await page.screenshot({ path: join(artifacts, `names-${slug}-1280.png`) });
        seen.push(`${slug} labels ${label.toFixed(0)} px of ${width.toFixed(0)}`);
      }
      expect(errors.length === 0, errors.join('\n'));
      return seen.join(', ');
    });

    await check('names: on a 390 px touch screen a tap on a lane or a cut label shows its tooltip, a tap elsewhere hides it, a drag still pans', async () => {
      await openDemo(mobile, url, 'race');
      await runToEnd(mobile);
      const canvas = mobile.getByTestId('timeline');
      const cut = await number(canvas, 'data-labels-cut');
      const label = await number(canvas, 'data-label-width');
      const width = (await canvas.boundingBox()).width;
      expect(label <= width * 0.34 + 0.5, `label column ${label} px of ${width} on a phone`);
      // A tap on a label: the whole name, even where the column cuts it.
      let at = await timelinePoint(mobile, 40, 1);
      await mobile.touchscreen.tap(at.x, at.y);
      const title = await tooltipTitle(mobile);
      expect(title === 'Thread-1 (count_up)', `tap on lane 1's label (${cut} names cut): ${title}`);
      // A tap on a span: its state and line, as hovering shows.
      let spanTip = null;
      for (const share of [0.5, 0.6, 0.4, 0.7, 0.3]) {
        at = await timelinePoint(mobile, { share }, 2);
        await mobile.touchscreen.tap(at.x, at.y);
        spanTip = await tooltipText(mobile);
        if (spanTip && /line \d+/.test(spanTip)) break;
      }
      expect(spanTip?.startsWith('Thread-2 (count_up)') && /line \d+/.test(spanTip), `tap on lane 2: ${spanTip}`);
      // It fits the phone: inside the timeline's frame, not cut off at the screen's edge.
      const tipBox = await mobile.getByTestId('timeline-tooltip').boundingBox();
      const frameBox = await mobile.locator('.timeline-frame').boundingBox();
      expect(tipBox.x >= frameBox.x - 1 && tipBox.x + tipBox.width <= frameBox.x + frameBox.width + 1,
        `tooltip ${JSON.stringify(tipBox)} outside the timeline ${JSON.stringify(frameBox)}`);
      // The tooltip stays put after the finger lifts.
      await mobile.waitForTimeout(300);
      expect(await mobile.getByTestId('timeline-tooltip').count() === 1, 'the tooltip of a tap vanished by itself');
      await mobile.screenshot({ path: join(artifacts, 'names-race-390-tap.png') });
      // A tap on the page outside the timeline hides it.
      const heading = await mobile.locator('.demo-head h1').boundingBox();
      await mobile.touchscreen.tap(heading.x + 10, heading.y + heading.height / 2);
      await mobile.getByTestId('timeline-tooltip').waitFor({ state: 'detached', timeout: 2_000 });
      // Tap on the lane again, then on the empty space below the lanes (the axis): hidden.
      await mobile.touchscreen.tap(at.x, at.y);
      await mobile.getByTestId('timeline-tooltip').waitFor({ timeout: 2_000 });
      const box = await canvas.boundingBox();
      await mobile.touchscreen.tap(box.x + box.width / 2, box.y + box.height - 4);
      await mobile.getByTestId('timeline-tooltip').waitFor({ state: 'detached', timeout: 2_000 });
      // A horizontal drag pans a zoomed-in view.
      await mobile.getByTestId('timeline-zoom-in').tap();
      await mobile.getByTestId('timeline-zoom-in').tap();
      const before = await number(canvas, 'data-view-start-ms');
      at = await timelinePoint(mobile, { share: 0.3 }, 1);
      await swipe(mobile, at.x, at.x + 120, at.y);
      await mobile.waitForTimeout(200);
      const after = await number(canvas, 'data-view-start-ms');
      expect(after !== before, `a drag did not pan: view start ${before} -> ${after} ms`);
      expect(await mobile.getByTestId('timeline-tooltip').count() === 0, 'a drag left a tooltip');
      await mobile.getByTestId('timeline-fit').tap();
      expect(errors.length === 0, errors.join('\n'));
      return `label column ${label.toFixed(0)} of ${width.toFixed(0)} px, ${cut} names cut, tap tooltips: "${title}" and "${spanTip.split('line')[0].trim()}", pan ${before} -> ${after} ms`;
    });

    await check('names: console tags as wide as the longest name that printed (whole at 1280 px), cut on a phone but whole on tap and with the keyboard focus; tag colors 4.5:1 in both themes', async () => {
      await openDemo(page, url, 'python');
      await runToEnd(page, LONG_NAMES);
      let tags = await consoleTags(page);
      const names = [...new Set(tags.map((tag) => tag.name))].sort();
      expect(names.join('|') === 'MainThread|Thread-1 (count_up)|ThreadPoolExecutor-0_0', `tagged threads: ${names.join(', ')}`);
      for (const tag of tags) {
        expect(tag.width + 0.5 >= tag.needs, `${tag.name}: tag ${tag.width.toFixed(1)} px, needs ${tag.needs.toFixed(1)} px at 1280`);
        expect(tag.title === tag.name, `line title ${tag.title} for ${tag.name}`);
      }
      const widest = Math.max(...tags.map((tag) => tag.width));
      const ratios = [];
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const tag of await consoleTags(page)) {
          const ratio = contrastOf(tag.color, tag.background);
          ratios.push(ratio);
          expect(ratio >= 4.5, `${scheme}: ${tag.name}'s tag ${tag.color} on ${tag.background}: ${ratio.toFixed(2)}:1`);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      // On a phone the long names are cut; a tap on a line shows its name whole.
      await openDemo(mobile, url, 'python');
      await runToEnd(mobile, LONG_NAMES);
      tags = await consoleTags(mobile);
      const longest = tags.find((tag) => tag.name === 'ThreadPoolExecutor-0_0');
      expect(longest.width + 0.5 < longest.needs, `on a phone the tag is ${longest.width} px for ${longest.needs} px of name`);
      const line = mobile.locator('[data-testid=console] .line[data-thread="ThreadPoolExecutor-0_0"]');
      await line.tap();
      const opened = (await consoleTags(mobile)).find((tag) => tag.name === 'ThreadPoolExecutor-0_0');
      expect(opened.open && opened.width + 0.5 >= opened.needs, `after a tap: ${JSON.stringify(opened)}`);
      await mobile.locator('[data-testid=console]').screenshot({ path: join(artifacts, 'names-console-390-tap.png') });
      await line.tap();
      expect(!(await consoleTags(mobile)).some((tag) => tag.open), 'a second tap did not close the name');
      // A name opened by a tap does not stay open on the next run's lines.
      await line.tap();
      await runToEnd(mobile);
      expect(!(await consoleTags(mobile)).some((tag) => tag.open), 'a name stayed open into the next run');
      // With the keyboard focus on the console, every name shows whole.
      await mobile.evaluate(() => document.querySelector('.timeline-frame').focus());
      let focused = null;
      for (let presses = 0; presses < 6 && focused !== 'console'; presses += 1) {
        await mobile.keyboard.press('Tab');
        focused = await mobile.evaluate(() => document.activeElement?.dataset?.testid);
      }
      expect(focused === 'console', `Tab from the timeline focused ${focused}`);
      const whole = (await consoleTags(mobile)).every((tag) => tag.width + 0.5 >= tag.needs);
      expect(whole, `with the focus: ${JSON.stringify(await consoleTags(mobile))}`);
      expect(errors.length === 0, errors.join('\n'));
      return `widest tag ${widest.toFixed(0)} px at 1280, ${longest.width.toFixed(0)} of ${longest.needs.toFixed(0)} px on a phone; contrast ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}:1`;
    });

    await check('names: the console follows new output, not after the learner scrolls up, again once back at the end; a failing program ends with its last traceback line in view', async () => {
      await openDemo(page, url, 'python');
      const program = 'import time\nfor n in range(150):\n    print("line", n)\n    time.sleep(0.02)\nraise RuntimeError("the end")\n';
      await page.getByTestId('editor').fill(program);
      await page.getByTestId('run').click();
      const pre = page.getByTestId('console');
      const atEnd = () => pre.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 8);
      await page.waitForFunction(() => document.querySelector('[data-testid=console]').textContent.includes('line 40\n'), null, { timeout: 20_000 });
      expect(await atEnd(), 'not following the output at line 40');
      // The learner scrolls up: it stays there while lines keep coming.
      await pre.evaluate((el) => { el.scrollTop = 0; });
      await page.waitForFunction(() => document.querySelector('[data-testid=console]').textContent.includes('line 70\n'), null, { timeout: 20_000 });
      const held = await pre.evaluate((el) => el.scrollTop);
      expect(held === 0, `scrolled to ${held} after the learner scrolled up`);
      // Back at the end: following again.
      await pre.evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await page.waitForFunction(() => document.querySelector('[data-testid=console]').textContent.includes('line 110\n'), null, { timeout: 20_000 });
      expect(await atEnd(), 'not following again after scrolling back to the end');
      await waitStatus(page, 'error', 30_000);
      await page.waitForTimeout(100);
      const last = await pre.evaluate((el) => {
        const lines = el.querySelectorAll('.line');
        const line = lines[lines.length - 1];
        const box = el.getBoundingClientRect();
        const at = line.getBoundingClientRect();
        return { text: line.textContent.trim(), inside: at.top >= box.top - 1 && at.bottom <= box.bottom + 1 };
      });
      expect(last.text === 'RuntimeError: the end' && last.inside, `last line ${JSON.stringify(last)}`);
      // Scrolled up at the end of one run: the next run follows its own output.
      await pre.evaluate((el) => { el.scrollTop = 0; });
      await page.waitForTimeout(100);
      await runToEnd(page, 'for n in range(100):\n    print("again", n)\n');
      expect(await atEnd(), 'the next run did not follow its output');
      expect(errors.length === 0, errors.join('\n'));
      return `followed, held at the top, followed again; "${last.text}" in view at the end; the next run follows`;
    });

    await check('names: after Stop the console says where the run stopped (the running thread, or the last to run), on both schedulers; nothing after a finished run or a deadlock', async () => {
      const spinner = 'import threading\n\ndef spin():\n    n = 0\n    while True:\n        n += 1\n\nt = threading.Thread(target=spin, name="spinner")\nt.start()\nt.join()\n';
      await openDemo(page, url, 'python');
      const notes = [];
      for (const scheduler of ['threads', 'virtual']) {
        await page.getByTestId('scheduler').selectOption(scheduler);
        await page.getByTestId('editor').fill(spinner);
        await page.getByTestId('run').click();
        await begun(page);
        await page.waitForTimeout(400);
        await page.getByTestId('stop').click();
        await waitStatus(page, 'stopped', 5_000);
        const note = (await page.getByTestId('console-stopped').textContent({ timeout: 5_000 })).trim();
        expect(/^stopped at line [56] in spinner, which was running \(other thread: 1 blocked\)$/.test(note), `${scheduler}: ${note}`);
        notes.push(note);
      }
      await page.getByTestId('scheduler').selectOption('threads');
      // Threads asleep: the note names one of them or the main thread waiting for them.
      await openDemo(page, url, 'many-threads');
      await page.getByTestId('param-seconds').fill('5');
      await page.getByTestId('param-seconds').dispatchEvent('change');
      await page.getByTestId('run').click();
      await begun(page);
      await page.waitForTimeout(500);
      await page.getByTestId('stop').click();
      await waitStatus(page, 'stopped', 5_000);
      const sleeping = (await page.getByTestId('console-stopped').textContent({ timeout: 5_000 })).trim();
      expect(/^stopped at line \d+ in (MainThread|Thread-\d \(download\)), which was (blocked|sleeping)/.test(sleeping), `sleeping run: ${sleeping}`);
      notes.push(sleeping);
      // A run that ends by itself, or in a deadlock, gets no such line.
      await openDemo(page, url, 'deadlock');
      await runToEnd(page, undefined, ['deadlock']);
      expect(await page.getByTestId('console-stopped').count() === 0, 'a deadlock said "stopped"');
      await openDemo(page, url, 'race');
      await runToEnd(page);
      expect(await page.getByTestId('console-stopped').count() === 0, 'a finished run said "stopped"');
      expect(errors.length === 0, errors.join('\n'));
      return notes.map((note) => `"${note}"`).join('; ');
    });

    await check('names: errors raised in threads are marked in the editor like the main thread\'s, one mark per failing line', async () => {
      const shots = [];
      for (const [tab, width] of [[page, 1280], [mobile, 390]]) {
        await openDemo(tab, url, 'python');
        await runToEnd(tab, FAILING_THREADS);
        const marked = tab.getByTestId('editor-error');
        await marked.waitFor({ timeout: 5_000 });
        const lines = await marked.getAttribute('data-lines');
        const text = await marked.textContent();
        expect(lines === '7,8', `marked lines ${lines}: ${text}`);
        expect(text.includes('line 7 ValueError: bad input 1 (in Thread-2 (work))')
          && text.includes('line 8 ZeroDivisionError: division by zero (in Thread-3 (work))'), `messages: ${text}`);
        const gutter = await tab.locator('.editor .ln-error .number').allTextContents();
        expect(gutter.join(',') === '7,8', `gutter marks ${gutter}`);
        expect(await tab.locator('.editor .err').count() >= 2, 'no underline');
        await tab.screenshot({ path: join(artifacts, `names-failing-threads-${width}.png`), fullPage: true });
        shots.push(`${width} px: ${text}`);
      }
      // Editing the program clears the marks (they belong to the run of that text).
      await page.getByTestId('editor').fill(`${FAILING_THREADS}\n`);
      await page.waitForFunction(() => !document.querySelector('[data-testid=editor-error]'), null, { timeout: 5_000 });
      expect(errors.length === 0, errors.join('\n'));
      return shots[0];
    });

    await check('names: demos print the names their lanes show (semaphore: T0..T3); screenshots of the executor and race demos at 1280x800 and 390 px', async () => {
      await openDemo(page, url, 'semaphore');
      await runToEnd(page);
      const lines = await page.evaluate(() => [...document.querySelectorAll('[data-testid=console] .line')]
        .map((line) => ({ thread: line.dataset.thread, text: line.textContent.trim() })));
      const claimed = lines.filter((line) => /^\S+: /.test(line.text));
      const wrong = claimed.filter((line) => !line.text.startsWith(`${line.thread}: `));
      expect(claimed.length === 8 && wrong.length === 0, `printed names vs lanes: ${JSON.stringify(wrong.length ? wrong : lines)}`);
      const phoneLabels = [];
      for (const slug of ['executor', 'race']) {
        await openDemo(mobile, url, slug);
        await runToEnd(mobile);
        const canvas = mobile.getByTestId('timeline');
        const [cut, alike] = [await number(canvas, 'data-labels-cut'), await number(canvas, 'data-labels-alike')];
        // Cut names stay told apart: the executor's workers differ at their ends.
        expect(alike === 0, `${slug} at 390 px: ${alike} of ${cut} cut lane names look alike`);
        phoneLabels.push(`${slug}: ${cut} cut, ${alike} alike`);
        await mobile.screenshot({ path: join(artifacts, `names-${slug}-390.png`), fullPage: true });
      }
      expect(errors.length === 0, errors.join('\n'));
      return `${claimed.length} lines, each printed on the lane it names; at 390 px ${phoneLabels.join(', ')}`;
    });
  } finally {
    await desktop.close();
    await phone.close();
  }
}
