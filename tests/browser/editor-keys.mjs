// Editor keys (issue 14): the demo page's editor edits like a code editor. Tab and
// Shift+Tab indent and dedent a line or a selection, Enter keeps the indentation (one
// level more after a `:`), Backspace in leading spaces removes one level, Ctrl+/ (and
// Cmd+/) toggles `# ` comments; every one of these is undone by Ctrl+Z and redone by
// Ctrl+Shift+Z and Ctrl+Y (the browser's own undo stack holds them); Escape then Tab
// leaves the editor. Exact text and caret after each key, in the threads build and the
// simulated one (the same component; checked there too).
//
// A text is written with its selection marked: `|` is the caret, `[...]` a selection.
import { join } from 'node:path';
import { axeViolations, summarize } from './axe.mjs';

const unmark = (marked) => {
  const units = (s) => s.length; // JS strings count UTF-16 units, as selectionStart does.
  const caret = marked.indexOf('|');
  if (caret >= 0) return { text: marked.replace('|', ''), start: units(marked.slice(0, caret)), end: units(marked.slice(0, caret)) };
  const open = marked.indexOf('[');
  const close = marked.indexOf(']');
  return { text: marked.replace('[', '').replace(']', ''), start: open, end: close - 1 };
};

const mark = ({ text, start, end }) => (start === end
  ? `${text.slice(0, start)}|${text.slice(start)}`
  : `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`);

/** The editor's text and selection, marked; and whether the colored layer shows the same text. */
const state = (page) => page.evaluate(() => {
  const area = document.querySelector('[data-testid=editor]');
  // The colored lines, less the mark an error past a line's end adds (` `, .err-end).
  const layer = [...document.querySelectorAll('.editor .highlight .cl')].map((line) => {
    const copy = line.cloneNode(true);
    copy.querySelectorAll('.err-end').forEach((mark) => mark.remove());
    return copy.textContent;
  }).join('\n');
  return { text: area.value, start: area.selectionStart, end: area.selectionEnd, layerMatches: layer === area.value, focused: document.activeElement === area };
});
const marked = async (page) => mark(await state(page));

/** Writes `markedText` as a learner would (one undoable insertion) and selects as marked. */
async function setUp(page, markedText) {
  const { text, start, end } = unmark(markedText);
  const editor = page.getByTestId('editor');
  await editor.fill(text);
  await editor.evaluate((area, [start, end]) => { area.focus(); area.setSelectionRange(start, end); }, [start, end]);
}

async function openDemo(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
}

// [key, before, after]: every key with exact text and caret.
const KEY_CASES = [
  ['Tab', 'x = 1\ny| = 2\n', 'x = 1\n    y| = 2\n'],
  ['Tab', '|pass', '    |pass'],
  ['Tab', '[a\n\n  b\n]c', '[    a\n\n      b\n]c'],
  ['Tab', 'a[b\nc]d', '    a[b\n    c]d'],
  ['Shift+Tab', '    x|', 'x|'],
  ['Shift+Tab', '      x|', '    x|'],
  ['Shift+Tab', '[    a\n  b\nc\n]', '[a\nb\nc\n]'],
  ['Shift+Tab', '    a[a\n    b]b', 'a[a\nb]b'],
  ['Enter', '    x = 1|', '    x = 1\n    |'],
  ['Enter', 'if x:|', 'if x:\n    |'],
  ['Enter', '    for i in r:  # loop|', '    for i in r:  # loop\n        |'],
  ['Enter', "x = ':'  # a|", "x = ':'  # a\n|"],
  ['Enter', '  a[bc]d', '  a\n  |d'],
  ['Backspace', 'x\n        |y', 'x\n    |y'],
  ['Backspace', '      |', '    |'],
  ['Backspace', '  a |', '  a|'],
  ['Control+/', 'x = 1|', '# x = 1|'],
  ['Control+/', '# x = 1|', 'x = 1|'],
  ['Control+/', '[if a:\n\n    b\n]c', '[# if a:\n\n#     b\n]c'],
  ['Control+/', '[# if a:\n\n#     b\n]c', '[if a:\n\n    b\n]c'],
  ['Meta+/', 'x = 1|', '# x = 1|'],
  ['Tab', "s = '😀é'|", "    s = '😀é'|"],
];

// One of each kind, for undo and redo.
const UNDO_CASES = [
  ['Tab', 'x = 1\ny| = 2\n', 'x = 1\n    y| = 2\n'],
  ['Tab', '[a\n\n  b\n]c', '[    a\n\n      b\n]c'],
  ['Shift+Tab', '[    a\n  b\nc\n]', '[a\nb\nc\n]'],
  ['Enter', 'if x:|', 'if x:\n    |'],
  ['Backspace', 'x\n        |y', 'x\n    |y'],
  ['Control+/', '[if a:\n\n    b\n]c', '[# if a:\n\n#     b\n]c'],
];

async function keysRight(page, cases) {
  const wrong = [];
  for (const [key, before, after] of cases) {
    await setUp(page, before);
    await page.keyboard.press(key);
    const got = await state(page);
    if (mark(got) !== after || !got.layerMatches || !got.focused) {
      wrong.push(`${key} on ${JSON.stringify(before)}: ${JSON.stringify(mark(got))}, wanted ${JSON.stringify(after)}`
        + `${got.layerMatches ? '' : ' (colored layer differs)'}${got.focused ? '' : ' (focus left)'}`);
    }
  }
  return wrong;
}

async function undoRedoRight(page, cases) {
  const wrong = [];
  for (const [key, before, after] of cases) {
    const original = unmark(before).text;
    const edited = unmark(after).text;
    await setUp(page, before);
    await page.keyboard.press(key);
    const steps = [];
    for (const [press, want] of [
      ['Control+z', original], ['Control+Shift+Z', edited], ['Control+z', original], ['Control+y', edited], ['Control+z', original],
    ]) {
      await page.keyboard.press(press);
      const got = await state(page);
      steps.push(`${press} -> ${JSON.stringify(mark(got))}`);
      if (got.text !== want || !got.layerMatches) {
        wrong.push(`${key} on ${JSON.stringify(before)}: after ${steps.join(', ')} wanted ${JSON.stringify(want)}${got.layerMatches ? '' : ' (colored layer differs)'}`);
        break;
      }
    }
  }
  return wrong;
}

/** Escape then Tab (and Escape then Shift+Tab) move the focus out, text untouched; Tab
 * alone, or Tab after Escape and another key, stays and indents. */
async function escapeLeaves(page) {
  const report = [];
  // The way out is said on screen while the editor has the focus, and is its description.
  const help = () => page.evaluate(() => {
    const area = document.querySelector('[data-testid=editor]');
    const note = document.getElementById(area.getAttribute('aria-describedby'));
    const box = note?.getBoundingClientRect();
    return { text: note?.textContent, shown: Boolean(box && box.width > 0 && box.height > 0) };
  });
  await page.getByTestId('editor').focus();
  const focusedHelp = await help();
  if (!focusedHelp.shown || !focusedHelp.text?.includes('Esc, then Tab')) throw new Error(`the way out is not shown: ${JSON.stringify(focusedHelp)}`);
  await setUp(page, 'x = 1|');
  await page.keyboard.press('Tab');
  let got = await state(page);
  if (!got.focused || mark(got) !== '    x = 1|') throw new Error(`Tab alone: ${JSON.stringify(mark(got))}, focused ${got.focused}`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  got = await state(page);
  const forward = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
  if (got.focused || got.text !== '    x = 1') throw new Error(`Escape, Tab: focus still in the editor (${got.focused}) or text changed: ${JSON.stringify(got.text)}`);
  report.push(`Escape, Tab -> ${forward}`);
  if ((await help()).shown) throw new Error('the way-out note stays after the editor lost the focus');
  await setUp(page, 'x = 1|');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  got = await state(page);
  const backward = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
  if (got.focused || got.text !== 'x = 1') throw new Error(`Escape, Shift+Tab: focus still in the editor or text changed: ${JSON.stringify(got.text)}`);
  report.push(`Escape, Shift+Tab -> ${backward}`);
  // Escape, then typing: the next Tab indents again.
  await setUp(page, 'x|');
  await page.keyboard.press('Escape');
  await page.keyboard.type('y');
  await page.keyboard.press('Tab');
  got = await state(page);
  if (!got.focused || mark(got) !== '    xy|') throw new Error(`Escape, y, Tab: ${JSON.stringify(mark(got))}, focused ${got.focused}`);
  // Leaving and coming back: Tab indents again.
  await page.getByTestId('editor').focus();
  await page.keyboard.press('Tab');
  got = await state(page);
  if (!got.focused) throw new Error('Tab after coming back left the editor');
  return report.join(', ');
}

export async function editorKeysChecks({ browser, url, simulatedUrl, check, expect, artifacts }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await openDemo(page, url, 'python');

    await check(`editor keys: Tab, Shift+Tab (line and selection), Enter (after ':' and a comment), Backspace in indentation, Ctrl+/ and Cmd+/ (line and selection): exact text and caret in ${KEY_CASES.length} cases`, async () => {
      const wrong = await keysRight(page, KEY_CASES);
      expect(wrong.length === 0, wrong.join('\n'));
      expect(errors.length === 0, errors.join('\n'));
      return `${KEY_CASES.length} cases`;
    });

    await check(`editor keys: Ctrl+Z undoes and Ctrl+Shift+Z and Ctrl+Y redo each kind of edit (${UNDO_CASES.length} kinds), the colored layer following`, async () => {
      const wrong = await undoRedoRight(page, UNDO_CASES);
      expect(wrong.length === 0, wrong.join('\n'));
      return `${UNDO_CASES.length} kinds, 5 undo/redo steps each`;
    });

    await check('editor keys: typing a block (Enter after ":", Backspace to dedent) gives the program; undo walks it back step by step', async () => {
      await setUp(page, '|');
      await page.keyboard.type('for i in range(2):');
      await page.keyboard.press('Enter');
      await page.keyboard.type('if i:');
      await page.keyboard.press('Enter');
      await page.keyboard.type('print(i)');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('print("end")');
      const typed = await marked(page);
      const want = 'for i in range(2):\n    if i:\n        print(i)\nprint("end")|';
      expect(typed === want, `typed ${JSON.stringify(typed)}`);
      await page.screenshot({ path: join(artifacts, 'editor-keys-typed.png') });
      await page.locator('.editor').locator('xpath=..').screenshot({ path: join(artifacts, 'editor-keys-editor.png') });
      // Undo back to the empty text it started from (earlier history lies beyond it),
      // passing through the state before each Backspace.
      const seen = [];
      for (let presses = 0; presses < 120 && seen.at(-1) !== ''; presses += 1) {
        await page.keyboard.press('Control+z');
        const { text } = await state(page);
        if (text === seen.at(-1)) break;
        seen.push(text);
      }
      expect(seen.at(-1) === '', `undo stopped at ${JSON.stringify(seen.at(-1))}: ${JSON.stringify(seen)}`);
      expect(seen.includes('for i in range(2):\n    if i:\n        print(i)\n        ') && seen.includes('for i in range(2):\n    if i:\n        print(i)\n    '), `no undo step back to before each Backspace: ${JSON.stringify(seen)}`);
      expect(errors.length === 0, errors.join('\n'));
      return `${seen.length} undo steps to empty`;
    });

    await check('editor keys: Escape then Tab (or Shift+Tab) leaves the editor, text untouched; Tab alone stays and indents', async () => escapeLeaves(page));

    await check('editor keys: axe finds no violations with the editor focused and its way-out note shown, light and dark', async () => {
      const found = [];
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await setUp(page, 'for i in range(2):\n    print(i)|');
        const shown = await page.evaluate(() => document.getElementById('editor-keys-help').getBoundingClientRect().height > 0);
        expect(shown, `${scheme}: the note is not shown`);
        const violations = await axeViolations(page);
        found.push(`${scheme}: ${summarize(violations)}`);
        expect(violations.length === 0, `${scheme}: ${JSON.stringify(violations, null, 1)}`);
        await page.locator('.editor').locator('xpath=..').screenshot({ path: join(artifacts, `editor-keys-focused-${scheme}.png`) });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      return found.join('; ');
    });

    await check('editor keys: Ctrl+Enter still runs from the editor and types nothing', async () => {
      await setUp(page, 'print("ran")|');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
      const got = await state(page);
      const output = (await page.getByTestId('console').textContent()).trim();
      expect(got.text === 'print("ran")' && output === 'ran', `text ${JSON.stringify(got.text)}, output ${JSON.stringify(output)}`);
      return output;
    });

    if (simulatedUrl) {
      await check('editor keys, simulated build: every key, undo/redo and Escape-then-Tab as in the threads build', async () => {
        const plain = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
        try {
          await openDemo(plain, simulatedUrl, 'python');
          const build = await plain.evaluate(() => window.threadplayIsolation);
          expect(build === 'none', `not the simulated build: isolation ${build}`);
          const wrong = [...await keysRight(plain, KEY_CASES), ...await undoRedoRight(plain, UNDO_CASES)];
          await plain.setViewportSize({ width: 390, height: 844 });
          await setUp(plain, 'for i in range(3):|');
          await plain.keyboard.press('Enter');
          await plain.locator('.editor').locator('xpath=..').screenshot({ path: join(artifacts, 'editor-keys-simulated-390.png') });
          expect(await marked(plain) === 'for i in range(3):\n    |', `at 390 px: ${JSON.stringify(await marked(plain))}`);
          expect(wrong.length === 0, wrong.join('\n'));
          return `${KEY_CASES.length} key cases, ${UNDO_CASES.length} undo kinds; ${await escapeLeaves(plain)}`;
        } finally {
          await plain.close();
        }
      });
    }
  } finally {
    await page.close();
  }
}
