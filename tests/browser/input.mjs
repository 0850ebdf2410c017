// input() in the page (issue 15): while a Python thread waits in input(), the console
// shows a text field after the prompt (console-input) that takes the focus, Enter sends
// the line, "End input" (console-input-eof) or Ctrl+D makes input() raise EOFError, Stop
// ends the wait and the run, and the other threads keep running meanwhile. Keyboard
// only where a learner would type. Screenshots of the input line at 1280x800 and 390 px.
import { join } from 'node:path';

const waitStatus = (page, words, timeout = 30_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  Array.isArray(words) ? words : [words], { timeout },
);

async function openSandbox(page, url) {
  await page.goto(`${url}#/demo/python`);
  await page.getByTestId('demo-python').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
}

async function runProgram(page, program) {
  await page.getByTestId('editor').fill(program);
  await page.getByTestId('run').click();
}

const consoleText = (page) => page.getByTestId('console').evaluate((pre) => {
  // The console's text without the field (an <input> has no text content anyway).
  return pre.textContent;
});

// Waits until the input line is there for a prompt the console shows, and focused.
async function waitForField(page, prompt) {
  await page.waitForFunction((prompt) => {
    const field = document.querySelector('[data-testid=console-input]');
    const pre = document.querySelector('[data-testid=console]');
    return field && document.activeElement === field && pre.textContent.includes(prompt);
  }, prompt, { timeout: 30_000 });
}

const NAMES = `first = input("First name? ")
last = input("Last name? ")
print(f"Hello, {first} {last}!")
`;

const EOF_PROGRAM = `try:
    input("Anything? ")
except EOFError as e:
    print("caught", repr(e))
input("Again? ")
`;

const COUNTING = `import threading, time

ticks = 0
def count():
    global ticks
    while True:
        ticks += 1
        print("tick", ticks)
        time.sleep(0.1)

threading.Thread(target=count, name="Counter", daemon=True).start()
name = input("Your name? ")
print(f"Hi {name}, the counter reached {ticks} while you typed")
`;

export async function inputChecks({ browser, url, simulatedUrl, check, expect, artifacts }) {
  await buildChecks({ browser, url, check, expect, artifacts, simulated: false });
  // The simulated build (no shared memory) pauses the run at input() and replays it.
  if (simulatedUrl) await buildChecks({ browser, url: simulatedUrl, check, expect, artifacts, simulated: true });
}

async function buildChecks({ browser, url, check, expect, artifacts, simulated }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, ...(simulated ? { serviceWorkers: 'block' } : {}) });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const build = simulated ? 'simulated build, ' : '';
  try {
    await check(`input(): ${build}a program asking for two names gets them typed in and prints the greeting (keyboard only)`, async () => {
      await openSandbox(page, url);
      const mode = (await page.getByTestId('engine-mode').textContent()).trim();
      expect(mode === (simulated ? 'simulated' : 'threads'), `engine-mode ${mode}`);
      await runProgram(page, NAMES);
      await waitForField(page, 'First name? ');
      // The thread's name comes with the trace (a frame or two later).
      const bar = await page.waitForFunction(() => {
        const text = document.querySelector('[data-testid=console-input-bar]')?.textContent ?? '';
        return /MainThread is blocked on input/.test(text) && text;
      }, null, { timeout: 5_000 }).then((handle) => handle.jsonValue()).catch(() => 'no thread name');
      expect(/MainThread is blocked on input/.test(bar), `bar: ${bar}`);
      // The timeline's tooltip over MainThread's lane says what it waits for.
      const blocked = await hoverLaneEnd(page);
      await page.screenshot({ path: join(artifacts, simulated ? 'input-simulated-1280.png' : 'input-1280.png') });
      if (!simulated) {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByTestId('console-input').scrollIntoViewIfNeeded();
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(artifacts, 'input-390-prompt.png') });
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.getByTestId('console-input').focus();
      }
      await page.keyboard.type('Ada');
      await page.keyboard.press('Enter');
      await waitForField(page, 'Last name? ');
      await page.keyboard.type('Lovelace');
      await page.keyboard.press('Enter');
      await waitStatus(page, 'finished');
      const text = await consoleText(page);
      expect(text === 'First name? Ada\nLast name? Lovelace\nHello, Ada Lovelace!\n', `console: ${JSON.stringify(text)}`);
      expect(await page.getByTestId('console-input').count() === 0, 'the field is still there after the run');
      // On the simulated build's virtual clock the wait takes no time (the run is paused
      // where it asked), so there is no span to hover.
      if (!simulated) expect(/blocked on input/.test(blocked), `timeline tooltip while waiting: ${blocked}`);
      return `${JSON.stringify(text)}; timeline: ${JSON.stringify(blocked)}`;
    });

    await check(`input(): ${build}"End input" and Ctrl+D make input() raise EOFError, shown in the console`, async () => {
      await openSandbox(page, url);
      await runProgram(page, EOF_PROGRAM);
      await waitForField(page, 'Anything? ');
      await page.getByTestId('console-input-eof').click();
      await waitForField(page, 'Again? ');
      await page.keyboard.press('Control+d');
      await waitStatus(page, 'error');
      const text = await consoleText(page);
      expect(text.includes("Anything? \ncaught EOFError('EOF when reading a line')\nAgain? \n"), `console: ${JSON.stringify(text)}`);
      expect(text.trimEnd().endsWith('EOFError: EOF when reading a line'), `console: ${JSON.stringify(text)}`);
      const stderr = await page.locator('[data-testid=console] .line.stderr').count();
      expect(stderr >= 3, `${stderr} traceback lines in the error color`);
      return JSON.stringify(text);
    });

    await check(`input(): ${build}Stop while a thread waits for input ends the run as stopped`, async () => {
      await openSandbox(page, url);
      await runProgram(page, 'import threading\nthreading.Thread(target=input, args=("T? ",)).start()\nprint(input("main? "))\n');
      // Real threads: both wait at once. Simulated: the run pauses at the first to ask.
      await page.waitForFunction((both) => {
        const pre = document.querySelector('[data-testid=console]');
        const t = pre?.textContent.includes('T? ');
        const main = pre?.textContent.includes('main? ');
        return (both ? t && main : t || main) && document.querySelector('[data-testid=console-input]');
      }, !simulated, { timeout: 30_000 });
      const started = Date.now();
      await page.getByTestId('stop').click();
      await waitStatus(page, 'stopped', 10_000);
      const ms = Date.now() - started;
      expect(await page.getByTestId('console-input').count() === 0, 'the field is still there after Stop');
      const note = await page.getByTestId('console-stopped').textContent();
      expect(errors.length === 0, errors.join('\n'));
      return `stopped in ${ms} ms; ${note}`;
    });

    if (!simulated) await check('input(): a second thread keeps counting while the main thread waits, and typing survives its output', async () => {
      await openSandbox(page, url);
      await runProgram(page, COUNTING);
      await waitForField(page, 'Your name? ');
      const ticks = () => consoleText(page).then((text) => (text.match(/^tick \d+$/gm) ?? []).length);
      const first = await ticks();
      await page.keyboard.type('Gra');
      await page.waitForTimeout(1000);
      const second = await ticks();
      // Lines came in while the field held text: it keeps the text and the focus.
      await page.keyboard.type('ce');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('console-input').scrollIntoViewIfNeeded();
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(artifacts, 'input-390.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('console-input').scrollIntoViewIfNeeded();
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(artifacts, 'input-1280-counting.png') });
      await page.keyboard.press('Enter');
      await waitStatus(page, 'finished');
      const text = await consoleText(page);
      const hi = text.match(/Hi (.*), the counter reached (\d+) while you typed/);
      expect(second > first + 3, `tick lines ${first} -> ${second} in 1 s of waiting`);
      expect(hi && hi[1] === 'Grace', `greeting: ${hi?.[0]}`);
      expect(errors.length === 0, errors.join('\n'));
      return `tick lines ${first} -> ${second} over 1 s of waiting; "${hi[0]}"`;
    });
  } finally {
    await page.close();
  }
}

// The tooltip of the first thread lane near the timeline's right end (now).
async function hoverLaneEnd(page) {
  const canvas = page.getByTestId('timeline');
  await page.waitForTimeout(300);
  const box = await canvas.boundingBox();
  if (!box) return '(no timeline canvas)';
  for (let y = box.y + 8; y < box.y + Math.min(box.height, 120); y += 6) {
    await page.mouse.move(box.x + box.width * 0.85, y);
    const tip = page.getByTestId('timeline-tooltip');
    if (await tip.count() && await tip.isVisible()) {
      const text = await tip.textContent();
      if (/MainThread/.test(text)) return text;
    }
  }
  return '(no tooltip for MainThread)';
}
