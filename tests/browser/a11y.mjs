// Accessibility checks (issue 12, WCAG 2.2 AA): axe-core finds nothing on the gallery
// and every demo page in both themes (and after runs), every text color holds 4.5:1
// (canvas text and states axe does not see computed here), the skip link is the first
// Tab stop and lands in the editor, focus moves between Run and Stop as they take
// turns being disabled, the live region says how a run went without speaking every
// frame, and out-of-range values get a message instead of a silent change.
import { join, resolve } from 'node:path';
import {
  axeViolations, contrastReport, demoSlugs, openRoute, runToEnd, summarize, tabsTo,
} from './axe.mjs';

const THEMES = ['light', 'dark'];

const activeTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
const liveText = (page) => page.getByTestId('live-status').textContent();
const waitStatus = (page, words, timeout = 30_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  [words].flat(), { timeout },
);

/** Types `value` into the number field `testid` and commits it (as leaving the field does). */
async function typeInto(page, testid, value) {
  const field = page.getByTestId(testid);
  await field.fill(String(value));
  await field.dispatchEvent('change');
}

/** The field's message, whether it is marked invalid, and whether it points at the message. */
async function fieldState(page, testid) {
  return page.evaluate((testid) => {
    const input = document.querySelector(`[data-testid="${testid}"]`);
    const message = document.getElementById(`${testid}-message`);
    return {
      value: input.value,
      invalid: input.getAttribute('aria-invalid') === 'true',
      describedBy: input.getAttribute('aria-describedby'),
      message: message?.textContent ?? null,
      live: message?.getAttribute('aria-live'),
      visible: message ? message.getBoundingClientRect().height > 0 : false,
    };
  }, testid);
}

export async function a11yChecks({ browser, url, check, expect, artifacts, cli }) {
  const slugs = demoSlugs(resolve(cli ?? 'target/release/threadplay'), resolve('demos'));

  await check('a11y: axe-core finds no violations on the gallery and every demo page, light and dark, and after a run of race', async () => {
    const found = [];
    let scanned = 0;
    for (const theme of THEMES) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.emulateMedia({ colorScheme: theme });
      for (const route of ['#/', ...slugs.map((slug) => `#/demo/${slug}`)]) {
        await openRoute(page, url, route);
        const violations = await axeViolations(page);
        scanned += 1;
        if (violations.length) found.push(`${route} ${theme}: ${summarize(violations)} ${JSON.stringify(violations.map((v) => v.nodes))}`);
      }
      await openRoute(page, url, '#/demo/race');
      await runToEnd(page, ['finished']);
      const afterRun = await axeViolations(page);
      scanned += 1;
      if (afterRun.length) found.push(`race after a run ${theme}: ${summarize(afterRun)} ${JSON.stringify(afterRun.map((v) => v.nodes))}`);
      await page.close();
    }
    expect(found.length === 0, found.join('\n'));
    return `${scanned} scans, 0 violations`;
  });

  await check('a11y: axe-core finds no violations in the states between: running, stopped, deadlock, an error, a refused value, the virtual scheduler, an answered quiz, a race hunt\'s result', async () => {
    const found = [];
    const states = [];
    for (const theme of THEMES) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.emulateMedia({ colorScheme: theme });
      const scan = async (name) => {
        const violations = await axeViolations(page);
        states.push(name);
        if (violations.length) found.push(`${name} ${theme}: ${summarize(violations)} ${JSON.stringify(violations.map((v) => v.nodes))}`);
      };
      await openRoute(page, url, '#/demo/many-threads');
      await typeInto(page, 'param-seconds', 3);
      await page.getByTestId('run').click();
      await waitStatus(page, 'running');
      await page.waitForTimeout(300);
      await scan('many-threads running');
      await page.getByTestId('stop').click();
      await waitStatus(page, 'stopped');
      await scan('many-threads stopped');
      await typeInto(page, 'param-downloads', 500);
      await scan('many-threads with a refused value');
      await openRoute(page, url, '#/demo/deadlock');
      await runToEnd(page, ['deadlock']);
      await scan('deadlock');
      await openRoute(page, url, '#/demo/python');
      await page.getByTestId('editor').fill('x = 1\nif x\n    pass\n');
      await page.getByTestId('editor-error').waitFor();
      await scan('python with a SyntaxError');
      await page.getByTestId('editor').fill('print("out")\nraise ValueError("no")\n');
      await runToEnd(page, ['error']);
      await scan('python after an error');
      await page.getByTestId('scheduler').selectOption('virtual');
      await typeInto(page, 'seed', -4);
      await scan('virtual scheduler, a refused seed');
      await openRoute(page, url, '#/demo/quiz');
      await page.getByTestId('quiz-option-0').click();
      await scan('quiz answered');
      // The race hunter's result line (issue 14, ui/hunt.rs): a failure, with its replay button.
      await openRoute(page, url, '#/demo/race');
      await page.getByTestId('gil-model').selectOption('free');
      await page.getByTestId('hunt').click();
      await page.getByTestId('hunt-replay').waitFor({ timeout: 60_000 });
      await scan('race hunt result');
      await page.close();
    }
    expect(found.length === 0, found.join('\n'));
    return `${states.length} scans, 0 violations`;
  });

  await check('a11y: every text color holds 4.5:1 in both themes, canvas text included', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const low = [];
    let worst = Infinity;
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await openRoute(page, url, '#/demo/race');
      for (const pair of await contrastReport(page)) {
        worst = Math.min(worst, pair.ratio);
        if (pair.ratio < 4.5) low.push(`${theme}: ${pair.where}: ${pair.fgHex} on ${pair.bgHex} ${pair.ratio}:1`);
      }
    }
    await page.close();
    expect(low.length === 0, low.join('\n'));
    return `lowest ${worst.toFixed(2)}:1`;
  });

  await check('a11y: the skip link is the first Tab stop, shows on focus and moves focus to the editor (gallery: to the demos); each route has its own title', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const results = [];
    for (const [route, target] of [['#/demo/race', 'editor'], ['#/', 'main']]) {
      await page.goto('about:blank');
      await openRoute(page, url, route);
      const link = page.getByTestId('skip-link');
      const hiddenBox = await link.boundingBox();
      expect(!hiddenBox || hiddenBox.y + hiddenBox.height <= 0, `skip link visible before focus: ${JSON.stringify(hiddenBox)}`);
      await page.keyboard.press('Tab');
      expect(await activeTestId(page) === 'skip-link', `first Tab stop on ${route}: ${await activeTestId(page)}`);
      const box = await link.boundingBox();
      expect(box && box.y >= 0 && box.height >= 24 && box.width >= 24, `focused skip link box ${JSON.stringify(box)}`);
      if (route === '#/demo/race') await page.screenshot({ path: join(artifacts, 'a11y-skip-link.png') });
      await page.keyboard.press('Enter');
      const landed = await page.evaluate(() => ({
        testid: document.activeElement?.getAttribute('data-testid'),
        main: document.activeElement?.tagName === 'MAIN',
        hash: location.hash,
      }));
      const ok = target === 'editor' ? landed.testid === 'editor' : landed.main;
      expect(ok, `skip link on ${route} landed on ${JSON.stringify(landed)}`);
      expect(landed.hash === route, `the route changed to ${landed.hash}`);
      // Each route has its own document title: the demo's heading, or the site's name.
      const title = await page.title();
      const heading = route === '#/' ? 'threadplay' : await page.locator('h1').textContent();
      expect(title.startsWith(heading) && title.includes('threadplay'), `title on ${route}: ${title}`);
      results.push(`${route}: ${target}, title "${title}"`);
    }
    await page.close();
    return results.join(', ');
  });

  // The head's Copy link and Embed buttons come before the program (they are about the
  // page, read first), and Step mode sits between Run and Reset, so the editor is three
  // stops after Run; the skip link keeps it 2 keys away.
  await check('a11y: Tab presses from a fresh load: at most 10 to Run and 12 to the editor (the skip link: 2 keys to the editor)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const editor = await tabsTo(page, url, '#/demo/race', 'editor');
    const run = await tabsTo(page, url, '#/demo/race', 'run');
    await page.close();
    expect(editor !== null && editor <= 12 && run !== null && run <= 10, `Tab presses: editor ${editor}, Run ${run}`);
    return `editor ${editor}, Run ${run}`;
  });

  await check('a11y: focus goes to Stop when a run starts and back to Run when it ends or is stopped; the live region says so once', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openRoute(page, url, '#/demo/many-threads');
    await typeInto(page, 'param-seconds', 1);
    // Every change of the live region's text, from here on.
    await page.evaluate(() => {
      window.__live = [];
      const region = document.querySelector('[data-testid=live-status]');
      new MutationObserver(() => window.__live.push(region.textContent))
        .observe(region, { childList: true, characterData: true, subtree: true });
    });
    const seen = [];
    // Run from the keyboard: Run is disabled at once, focus goes to Stop.
    await page.getByTestId('run').focus();
    await page.keyboard.press('Enter');
    await waitStatus(page, 'running');
    await page.waitForTimeout(100);
    expect(await activeTestId(page) === 'stop', `after Run, focus on ${await activeTestId(page)}`);
    expect(await liveText(page) === 'Running.', `live region while running: ${await liveText(page)}`);
    await waitStatus(page, 'finished');
    await page.waitForTimeout(100);
    expect(await activeTestId(page) === 'run', `after the end, focus on ${await activeTestId(page)}`);
    seen.push(await liveText(page));
    expect(seen.at(-1) === 'Finished, exit code 0.', `live region at the end: ${seen.at(-1)}`);
    const changes = await page.evaluate(() => window.__live.filter((text, i, all) => text !== all[i - 1]));
    expect(JSON.stringify(changes) === JSON.stringify(['Running.', 'Finished, exit code 0.']),
      `the live region changed ${changes.length} times during a 1 s run: ${JSON.stringify(changes)}`);
    // Stop from the keyboard: focus goes back to Run.
    await typeInto(page, 'param-seconds', 5);
    await page.getByTestId('run').focus();
    await page.keyboard.press('Enter');
    await waitStatus(page, 'running');
    await page.waitForTimeout(200);
    expect(await activeTestId(page) === 'stop', `second run: focus on ${await activeTestId(page)}`);
    await page.keyboard.press('Enter');
    await waitStatus(page, 'stopped', 5_000);
    await page.waitForTimeout(100);
    expect(await activeTestId(page) === 'run', `after Stop, focus on ${await activeTestId(page)}`);
    seen.push(await liveText(page));
    expect(seen.at(-1) === 'Stopped.', `live region after Stop: ${seen.at(-1)}`);
    // Ctrl+Enter in the editor: the focus stays in the editor, through the run and after.
    await typeInto(page, 'param-seconds', 0.5);
    await page.getByTestId('editor').focus();
    await page.keyboard.press('Control+Enter');
    await waitStatus(page, 'running');
    expect(await activeTestId(page) === 'editor', `Ctrl+Enter moved the focus to ${await activeTestId(page)}`);
    await waitStatus(page, 'finished');
    await page.waitForTimeout(100);
    expect(await activeTestId(page) === 'editor', `after a Ctrl+Enter run, focus on ${await activeTestId(page)}`);
    // An error says its exit code; a deadlock names the cycle.
    await openRoute(page, url, '#/demo/python');
    await page.getByTestId('editor').fill('import sys\nprint("bye")\nsys.exit(3)\n');
    await runToEnd(page, ['error']);
    seen.push(await liveText(page));
    expect(seen.at(-1) === 'Error: the program ended with exit code 3.', `live region after sys.exit(3): ${seen.at(-1)}`);
    await openRoute(page, url, '#/demo/deadlock');
    await runToEnd(page, ['deadlock']);
    seen.push(await liveText(page));
    expect(seen.at(-1).startsWith('Deadlock: ') && seen.at(-1).includes('T1 holds lock_a and waits for lock_b'),
      `live region after the deadlock: ${seen.at(-1)}`);
    await page.close();
    return seen.map((text) => JSON.stringify(text)).join(' / ');
  });

  await check('a11y: out-of-range values get a message next to the field and Run keeps the last valid value', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openRoute(page, url, '#/demo/race');
    const program = () => page.getByTestId('editor').inputValue();
    const shown = [];
    for (const [typed, message] of [
      ['0', 'threads must be between 1 and 32; keeping 5'],
      ['500', 'threads must be between 1 and 32; keeping 5'],
      ['2.5', 'threads must be a whole number between 1 and 32; keeping 5'],
    ]) {
      await typeInto(page, 'param-threads', typed);
      const state = await fieldState(page, 'param-threads');
      expect(state.message === message && state.invalid && state.describedBy === 'param-threads-message'
        && state.live === 'polite' && state.visible && state.value === typed,
        `threads ${typed}: ${JSON.stringify(state)}`);
      expect((await program()).includes('\nTHREADS = 5'), `threads ${typed} changed the program`);
      shown.push(state.message);
    }
    await page.screenshot({ path: join(artifacts, 'a11y-refused-threads.png') });
    await typeInto(page, 'param-threads', 7);
    const fixed = await fieldState(page, 'param-threads');
    expect(!fixed.invalid && !fixed.describedBy && fixed.message === '', `threads 7: ${JSON.stringify(fixed)}`);
    expect((await program()).includes('\nTHREADS = 7'), 'threads 7 did not reach the program');
    // Reset puts the demo's value back and clears a message.
    await typeInto(page, 'param-threads', 99);
    await page.getByTestId('reset').click();
    const reset = await fieldState(page, 'param-threads');
    expect(reset.value === '5' && !reset.invalid && reset.message === '', `after Reset: ${JSON.stringify(reset)}`);

    // The switch interval: a refused value leaves the last valid one in use.
    await openRoute(page, url, '#/demo/python');
    await page.getByTestId('editor').fill('import sys\nprint(sys.getswitchinterval())\n');
    await typeInto(page, 'switch-interval', 2);
    for (const typed of ['-1', '0']) {
      await typeInto(page, 'switch-interval', typed);
      const state = await fieldState(page, 'switch-interval');
      expect(state.invalid && state.message === 'the switch interval must be between 0.1 and 1,000 ms; keeping 2',
        `switch interval ${typed}: ${JSON.stringify(state)}`);
      shown.push(state.message);
    }
    await runToEnd(page, ['finished']);
    const printed = (await page.getByTestId('console').textContent()).trim();
    expect(printed === '0.002', `the run used switch interval ${printed} s, not the last valid 2 ms`);

    // The seed: whole numbers from 0.
    await page.getByTestId('scheduler').selectOption('virtual');
    const seed = await page.getByTestId('seed').inputValue();
    for (const [typed, message] of [['-4', 'the seed must be between 0 and 4,294,967,295'], ['1.5', 'the seed must be a whole number between 0 and 4,294,967,295']]) {
      await typeInto(page, 'seed', typed);
      const state = await fieldState(page, 'seed');
      expect(state.invalid && state.message === `${message}; keeping ${seed}`, `seed ${typed}: ${JSON.stringify(state)}`);
      shown.push(state.message);
    }
    await page.getByTestId('new-seed').click();
    const fresh = await fieldState(page, 'seed');
    expect(!fresh.invalid && fresh.message === '' && fresh.value !== '1.5', `after "new seed": ${JSON.stringify(fresh)}`);
    await page.close();
    return shown.map((text) => JSON.stringify(text)).join(', ');
  });
}
