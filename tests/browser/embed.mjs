// Embed checks (issue 13, embed part): the compact embed view at #/embed/<slug> runs
// every demo to its expected lines, fits frames from 320 to 900 px, has no axe
// violations (light, dark, and either theme forced); a program and its settings travel
// in the URL (the embed's "Open in threadplay" link reopens them on the full page, and
// nothing runs until Run); a malformed `p=` value gives one line and the demo's own
// program; the demo page's Embed button gives snippets that www/embed.js turns into
// lazy iframes on a docs page of another origin, whose heights follow the frames'
// height messages.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { axeViolations, contrastReport, summarize } from './axe.mjs';

const WIDTHS = [320, 600, 900];

const statusOf = (page) => page.getByTestId('status').textContent();
const waitStatus = (page, words, timeout = 30_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  [words].flat(), { timeout },
);
const waitRunnable = (page, timeout = 30_000) => page.waitForFunction(
  () => document.querySelector('[data-testid=run]') && !document.querySelector('[data-testid=run]').disabled, null, { timeout },
);

/** Opens a route (a hash change when the page is already on the site: the pool stays). */
async function openEmbed(page, url, route) {
  await page.goto(`${url}${route}`);
  const slug = route.split('?')[0].split('/').pop() || 'python';
  await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
  await waitRunnable(page);
}

/** The console's lines hold the demo's `expect` lines (in order unless any order is allowed). */
function expectLines(expect, demo, lines) {
  if (demo.anyOrder) {
    for (const line of demo.expect) expect(lines.includes(line), `${demo.slug}: no console line ${JSON.stringify(line)} in ${JSON.stringify(lines)}`);
    return;
  }
  let from = 0;
  for (const line of demo.expect) {
    const at = lines.indexOf(line, from);
    expect(at >= 0, `${demo.slug}: console line ${JSON.stringify(line)} missing or out of order in ${JSON.stringify(lines)}`);
    from = at + 1;
  }
}

/** What the page shows that an embed must not, and the hooks it must have. */
function embedShape(page) {
  return page.evaluate(() => ({
    header: !!document.querySelector('header.top'),
    menu: !!document.querySelector('[data-testid=demo-list]'),
    explain: !!document.querySelector('[data-testid=explain]'),
    quiz: !!document.querySelector('.region.quiz'),
    hooks: ['run', 'stop', 'reset', 'status', 'console', 'timeline', 'editor', 'gil-model', 'switch-interval', 'scheduler', 'elapsed', 'open-full']
      .filter((id) => document.querySelectorAll(`[data-testid="${id}"]`).length !== 1),
  }));
}

/** Elements that stick out of the viewport's width (outside scrolling boxes). */
function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (element) => {
      for (let node = element.parentElement; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (/(auto|scroll|hidden)/.test(style.overflowX) && node !== document.documentElement && node !== document.body) return true;
      }
      return false;
    };
    const out = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if ((box.right > width + 0.5 || box.left < -0.5) && !scrolls(element)) {
        out.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${box.left.toFixed(0)}..${box.right.toFixed(0)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 5) };
  });
}

/** The theme's colors as the page computes them: every custom property the stylesheet
 * sets on :root, and the console's background. */
function themeColors(page) {
  return page.evaluate(() => {
    const names = new Set();
    const visit = (rules) => {
      for (const rule of rules) {
        if (rule.cssRules) visit(rule.cssRules);
        if (rule.selectorText === ':root' && rule.style) {
          for (const name of rule.style) if (name.startsWith('--')) names.add(name);
        }
      }
    };
    for (const sheet of document.styleSheets) visit(sheet.cssRules);
    const root = getComputedStyle(document.documentElement);
    const colors = Object.fromEntries([...names].sort().map((name) => [name, root.getPropertyValue(name).trim()]));
    colors['console background'] = getComputedStyle(document.querySelector('[data-testid=console]')).backgroundColor;
    colors['page background'] = getComputedStyle(document.documentElement).backgroundColor;
    // The timeline canvas reads its colors from the CSS when it draws: a checksum of
    // its pixels (the page is idle, so both themes draw the same empty lanes).
    const canvas = document.querySelector('[data-testid=timeline]');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < pixels.length; i += 1) sum = (sum * 31 + pixels[i]) >>> 0;
    colors['timeline pixels'] = `${canvas.width}x${canvas.height}:${sum}`;
    return colors;
  });
}

export async function embedChecks({ browser, url, check, expect, artifacts, demos, dist }) {
  await check('embed: every demo at #/embed/<slug> runs to its expected lines, with no site header, menu or explanation', async () => {
    const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const ran = [];
    const retried = [];
    try {
      for (const demo of demos) {
        await openEmbed(page, url, `#/embed/${demo.slug}`);
        const shape = await embedShape(page);
        expect(!shape.header && !shape.menu && !shape.explain && !shape.quiz, `${demo.slug}: the embed shows ${JSON.stringify(shape)}`);
        expect(shape.hooks.length === 0, `${demo.slug}: hooks missing or doubled: ${shape.hooks.join(', ')}`);
        // Some demos print what they timed (sleeps that overlap); on a machine this
        // busy a run can miss by a tick, so a demo gets a second run before it fails.
        for (let attempt = 1; ; attempt += 1) {
          await page.getByTestId('run').click();
          await waitStatus(page, demo.status, 60_000);
          const lines = (await page.getByTestId('console').textContent()).split('\n');
          try {
            expectLines(expect, demo, lines);
            break;
          } catch (error) {
            if (attempt === 2) throw error;
            retried.push(`${demo.slug} (${error.message.slice(0, 120)})`);
          }
        }
        ran.push(demo.slug);
      }
      expect(errors.length === 0, errors.join('\n'));
    } finally {
      await page.close();
    }
    return `${ran.length} demos ran in the embed view${retried.length ? `; run twice: ${retried.join('; ')}` : ''}`;
  });

  await check('embed: the compact layout at 320, 600 and 900 px has nothing wider than the frame (every demo, and race after a run)', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
    const heights = {};
    try {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 700 });
        for (const demo of demos) {
          await openEmbed(page, url, `#/embed/${demo.slug}`);
          await page.waitForTimeout(50);
          const result = await overflowing(page);
          expect(result.scrollWidth <= width && result.out.length === 0,
            `#/embed/${demo.slug} at ${width} px: ${result.scrollWidth} px wide; ${result.out.join('; ')}`);
        }
        await openEmbed(page, url, '#/embed/race');
        await page.getByTestId('run').click();
        await waitStatus(page, 'finished', 60_000);
        await page.waitForTimeout(200);
        const after = await overflowing(page);
        expect(after.scrollWidth <= width && after.out.length === 0, `race after a run at ${width} px: ${after.scrollWidth} px; ${after.out.join('; ')}`);
        heights[width] = await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
        await page.screenshot({ path: join(artifacts, `embed-race-${width}.png`), fullPage: true });
      }
    } finally {
      await page.close();
    }
    return `${demos.length} demos x ${WIDTHS.length} widths; race's height after a run: ${WIDTHS.map((w) => `${heights[w]} px at ${w}`).join(', ')}`;
  });

  await check('embed: axe-core finds no violations on the embed view (light, dark, each theme forced against the system, a bad link, after runs) nor in the Embed dialog', async () => {
    const found = [];
    let scans = 0;
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    const scan = async (name) => {
      const violations = await axeViolations(page);
      scans += 1;
      if (violations.length) found.push(`${name}: ${summarize(violations)} ${JSON.stringify(violations.map((v) => v.nodes))}`);
    };
    try {
      for (const system of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: system });
        const forced = system === 'light' ? 'dark' : 'light';
        for (const route of ['#/embed/race', '#/embed/quiz', `#/embed/race?theme=${forced}`, '#/embed/race?p=AAAA&gil=fast']) {
          await page.goto('about:blank');
          await openEmbed(page, url, route);
          await scan(`${route} (system ${system})`);
        }
        await page.goto('about:blank');
        await openEmbed(page, url, '#/embed/deadlock');
        await page.getByTestId('run').click();
        await waitStatus(page, 'deadlock');
        await page.waitForTimeout(300);
        await scan(`deadlock embed after a run (system ${system})`);
        await page.goto('about:blank');
        await page.goto(`${url}#/demo/race`);
        await waitRunnable(page);
        await page.getByTestId('embed').click();
        await page.getByTestId('embed-snippet').waitFor();
        await scan(`race page, Embed dialog open (system ${system})`);
      }
    } finally {
      await page.close();
    }
    expect(found.length === 0, found.join('\n'));
    return `${scans} scans, 0 violations`;
  });

  await check('embed: a forced theme (?theme=, data-theme) gives exactly the colors of that system theme, and they hold 4.5:1', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    const low = [];
    const differ = [];
    let compared = 0;
    try {
      for (const theme of ['light', 'dark']) {
        const other = theme === 'light' ? 'dark' : 'light';
        await page.emulateMedia({ colorScheme: theme });
        await page.goto('about:blank');
        await openEmbed(page, url, '#/embed/race');
        await page.waitForTimeout(200);
        const system = await themeColors(page);
        await page.emulateMedia({ colorScheme: other });
        await page.goto('about:blank');
        await openEmbed(page, url, `#/embed/race?theme=${theme}`);
        await page.waitForTimeout(200);
        const forced = await themeColors(page);
        compared = Object.keys(system).length - 3;
        for (const [name, value] of Object.entries(system)) {
          if (forced[name] !== value) differ.push(`${theme} forced under a ${other} system: ${name} is ${forced[name]}, the ${theme} theme has ${value}`);
        }
        for (const pair of await contrastReport(page)) {
          if (pair.ratio < 4.5) low.push(`${theme} forced: ${pair.where}: ${pair.fgHex} on ${pair.bgHex} ${pair.ratio}:1`);
        }
        await page.screenshot({ path: join(artifacts, `embed-race-forced-${theme}.png`), fullPage: true });
      }
    } finally {
      await page.close();
    }
    expect(differ.length === 0, differ.join('\n'));
    expect(low.length === 0, low.join('\n'));
    return `${compared} color variables, the console and page backgrounds and the timeline's pixels match`;
  });

  await check('embed: Open in threadplay carries the edited program and settings to the full page (new tab); nothing runs until Run; the same seed gives the same output', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    try {
      await openEmbed(page, url, '#/embed/race');
      const original = await page.getByTestId('editor').inputValue();
      const edited = `${original.replace('THREADS = 5', 'THREADS = 3').replace('ROUNDS = 100_000', 'ROUNDS = 2_000')}print("edited \u00e9 \u2192 ok")\n`;
      await page.getByTestId('editor').fill(edited);
      await page.getByTestId('gil-model').selectOption('legacy');
      await page.getByTestId('scheduler').selectOption('virtual');
      await page.getByTestId('seed').fill('4242');
      await page.getByTestId('seed').dispatchEvent('change');
      await page.getByTestId('switch-interval').fill('0.5');
      await page.getByTestId('switch-interval').dispatchEvent('change');
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished');
      const embedOutput = await page.getByTestId('console').textContent();
      const link = page.getByTestId('open-full');
      const href = await link.getAttribute('href');
      expect(await link.getAttribute('target') === '_blank' && (await link.getAttribute('rel')).includes('noopener'), 'the link does not open a new tab without opener');
      expect(/^#\/demo\/race\?p=[A-Za-z0-9_-]+&gil=legacy&sw=0\.5&sched=virtual&seed=4242$/.test(href), `link: ${href}`);
      const [full] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
      await full.getByTestId('demo-race').waitFor({ timeout: 30_000 });
      expect(full.url().startsWith(url) && full.url().endsWith(href), `opened ${full.url()}`);
      expect(await full.locator('header.top').count() === 1, 'the full page has no site header');
      expect(await full.getByTestId('editor').inputValue() === edited, 'the program changed on the way');
      const settings = {
        gil: await full.getByTestId('gil-model').inputValue(),
        scheduler: await full.getByTestId('scheduler').inputValue(),
        seed: await full.getByTestId('seed').inputValue(),
        switch: await full.getByTestId('switch-interval').inputValue(),
      };
      expect(JSON.stringify(settings) === '{"gil":"legacy","scheduler":"virtual","seed":"4242","switch":"0.5"}', `settings ${JSON.stringify(settings)}`);
      expect(await full.getByTestId('param-threads').inputValue() === '3', 'the threads control did not follow the program');
      await waitRunnable(full);
      await full.waitForTimeout(1000);
      expect(await statusOf(full) === 'idle' && (await full.getByTestId('console').textContent()) === '', 'something ran before Run');
      await full.getByTestId('run').click();
      await waitStatus(full, 'finished');
      const fullOutput = await full.getByTestId('console').textContent();
      expect(fullOutput === embedOutput, `seed 4242: the embed printed ${JSON.stringify(embedOutput)}, the full page ${JSON.stringify(fullOutput)}`);
      await full.close();
      return `${href.length} characters of link; both printed ${JSON.stringify(embedOutput.trim().split('\n'))}`;
    } finally {
      await page.close();
    }
  });

  await check('embed: a malformed, truncated or oversized p= gives one line and the demo\'s own program, on the embed and the demo page; Run still works', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const seen = [];
    try {
      await openEmbed(page, url, '#/embed/race');
      const program = await page.getByTestId('editor').inputValue();
      await page.getByTestId('editor').fill(program.replace('THREADS = 5', 'THREADS = 2'));
      const good = (await page.getByTestId('open-full').getAttribute('href')).match(/p=([^&]+)/)[1];
      const cases = {
        'not base64url': '%%%!!',
        truncated: good.slice(0, Math.floor(good.length * 0.6)),
        'no DEFLATE stream': 'AAAA',
        oversized: 'A'.repeat(30_000),
      };
      for (const [name, value] of Object.entries(cases)) {
        for (const kind of ['embed', 'demo']) {
          await page.goto('about:blank');
          await openEmbed(page, url, `#/${kind}/race?p=${value}&gil=free`);
          const problem = page.getByTestId('link-problem');
          await problem.waitFor({ timeout: 5_000 });
          const text = await problem.textContent();
          expect(!text.includes('\n') && text.includes('program'), `${name} on the ${kind} page: ${text}`);
          expect(await page.getByTestId('editor').inputValue() === program, `${name} on the ${kind} page: not the demo's program`);
          expect(await page.getByTestId('gil-model').inputValue() === 'free', `${name}: the link's valid setting was dropped`);
          expect(await statusOf(page) === 'idle', `${name}: something ran`);
          seen.push(`${name}: "${text}"`);
        }
      }
      // The page still runs its program after a bad link.
      await page.getByTestId('run').click();
      await waitStatus(page, 'finished', 60_000);
      const text = (await page.getByTestId('console').textContent()).trim();
      expect(text.startsWith('Final counter:'), `after a bad link: ${text}`);
      expect(errors.length === 0, errors.join('\n'));
      await page.screenshot({ path: join(artifacts, 'embed-bad-link.png') });
    } finally {
      await page.close();
    }
    return seen.filter((_, index) => index % 2 === 0).join('; ');
  });

  // The docs page: served from another site (localhost next to 127.0.0.1) without
  // isolation headers; threadplay in a folder (/docs/threadplay/: the loader, the
  // snippet and the links must find it there) with the three headers of www/_headers,
  // so its frames get shared memory through Document-Isolation-Policy (Chromium 137+).
  const site = await serve({ root: dist, headers: 'all', basePath: '/docs/threadplay/' });
  const docsFiles = {};
  const docs = await serve({ files: docsFiles, headers: 'none', hostname: 'localhost' });
  try {
    let snippets = null;
    await check('embed: the Embed button shows the snippet for the demo and for the edited program, and Copy puts it on the clipboard', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      try {
        await page.goto(`${site.url}#/demo/race`);
        await waitRunnable(page);
        await page.getByTestId('embed').click();
        const snippet = page.getByTestId('embed-snippet');
        await snippet.waitFor();
        const plain = await snippet.inputValue();
        expect(plain === `<script src="${site.url}embed.js" defer></script>\n<div data-threadplay="race"></div>\n`, `snippet for the demo:\n${plain}`);
        expect(await page.getByTestId('embed-choice-edited').isDisabled(), 'the edited choice is offered with nothing edited');
        await page.getByTestId('embed-close').click();
        const program = await page.getByTestId('editor').inputValue();
        // Indented as a docs author might paste it: the loader removes the indentation.
        const editedProgram = program.replace('THREADS = 5', 'THREADS = 3');
        await page.getByTestId('editor').fill(editedProgram);
        await page.getByTestId('gil-model').selectOption('free');
        await page.getByTestId('embed').click();
        const edited = await snippet.inputValue();
        expect(await page.getByTestId('embed-choice-edited').isChecked(), 'the edited program is not chosen first');
        expect(edited.includes('<div data-threadplay="race" data-gil="free"><script type="text/x-python">\n') && edited.includes('THREADS = 3\n'), `snippet for the edit:\n${edited}`);
        await page.getByTestId('embed-copy').click();
        await page.getByTestId('embed-copied').filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 });
        const clipboard = await page.evaluate(() => navigator.clipboard.readText());
        expect(clipboard === edited, `clipboard:\n${clipboard}`);
        await page.getByTestId('embed-choice-demo').check();
        expect(await snippet.inputValue() === plain, 'the demo choice does not give the demo snippet');
        await page.screenshot({ path: join(artifacts, 'embed-dialog.png') });
        await page.keyboard.press('Escape');
        expect(!(await page.locator('dialog.embed-dialog').evaluate((d) => d.open)), 'Escape did not close the dialog');
        snippets = { plain, edited, editedProgram };
        return `${plain.length} and ${edited.length} characters`;
      } finally {
        await context.close();
      }
    });

    const template = readFileSync(resolve('tests/browser/fixtures/embed-docs.html'), 'utf8');
    const writeDocs = () => {
      const script = `<script src="${site.url}embed.js" defer></script>`;
      const html = template
        .replaceAll('{{EMBED_SCRIPT}}', script)
        .replace('{{SNIPPET_PLAIN}}', snippets?.plain ?? `${script}\n<div data-threadplay="race"></div>`)
        .replace('{{SNIPPET_EDITED}}', snippets?.edited ?? `${script}\n<div data-threadplay="race" data-gil="free"></div>`);
      docsFiles['/index.html'] = html;
    };

    await check('embed: embed.js on a docs page of another site makes lazy, titled iframes that run real threads and follow the height messages', async () => {
      writeDocs();
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const siteDocuments = [];
      page.on('request', (request) => {
        if (request.url().startsWith(site.url) && request.resourceType() === 'document') siteDocuments.push(request.url());
      });
      await page.addInitScript(() => {
        window.__heights = [];
        window.addEventListener('message', (event) => {
          const index = [...document.querySelectorAll('iframe')].findIndex((frame) => frame.contentWindow === event.source);
          if (event.data?.type === 'threadplay:height') window.__heights.push({ index, height: event.data.height, at: performance.now() });
        });
      });
      try {
        await page.goto(docs.url);
        const frames = page.locator('iframe[data-threadplay-frame]');
        await page.waitForFunction(() => document.querySelectorAll('iframe[data-threadplay-frame]').length === 3);
        // The first frame loads alone; the others get their address once it has drawn.
        const leaderOnly = await frames.evaluateAll((list) => list.map((frame) => frame.getAttribute('src') !== null));
        await page.waitForFunction(() => [...document.querySelectorAll('iframe[data-threadplay-frame]')].every((frame) => frame.src));
        const attributes = await frames.evaluateAll((list) => list.map((frame) => ({
          src: frame.src, loading: frame.loading, title: frame.title, allow: frame.allow,
        })));
        for (const frame of attributes) {
          expect(frame.src.startsWith(`${site.url}#/embed/`) && frame.loading === 'lazy' && frame.title.length > 10 && frame.allow.includes('cross-origin-isolated'),
            `iframe ${JSON.stringify(frame)}`);
        }
        expect(attributes[2].src.includes('theme=dark') && attributes[2].src.includes('sched=virtual') && attributes[2].src.includes('seed=7'), `third frame ${attributes[2].src}`);
        // The frames near the top load; the one far below the fold waits for the reader.
        await page.waitForFunction(() => [...document.querySelectorAll('iframe')].slice(0, 2).every((frame) => frame.dataset.height), null, { timeout: 30_000 });
        expect(leaderOnly[0], 'the first frame had no address when the frames were made');
        const early = siteDocuments.length;
        expect(early === 2, `${early} frames loaded before any scrolling: ${siteDocuments.join(' ')}`);

        const frameOf = async (index) => (await frames.nth(index).elementHandle()).contentFrame();
        const race = await frameOf(0);
        const edited = await frameOf(1);
        const sizes = async () => Promise.all([0, 1].map(async (index) => {
          const frame = await frameOf(index);
          return {
            outer: await frames.nth(index).evaluate((element) => element.clientHeight),
            inner: await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)),
          };
        }));
        for (const [index, size] of (await sizes()).entries()) {
          expect(Math.abs(size.outer - size.inner) <= 1, `frame ${index}: ${size.outer} px tall for ${size.inner} px of content`);
        }

        // Real threads in a frame on a plain page.
        expect(await race.evaluate(() => crossOriginIsolated) === true, 'the frame is not cross-origin isolated');
        await waitRunnable(race);
        await race.getByTestId('run').click();
        await waitStatus(race, 'finished', 60_000);
        const counter = (await race.getByTestId('console').textContent()).trim();
        expect(counter === 'Final counter: 500000', `race in the frame: ${counter}`);
        const full = await race.getByTestId('open-full').evaluate((link) => link.href);
        expect(full === `${site.url}#/demo/race`, `Open in threadplay goes to ${full}`);

        // The inline program of the snippet, as edited on the demo page.
        await waitRunnable(edited);
        if (snippets) expect(await edited.getByTestId('editor').inputValue() === snippets.editedProgram, 'the snippet\'s program changed on the way');
        expect(await edited.getByTestId('gil-model').inputValue() === 'free', 'the snippet\'s GIL model was not applied');

        // Content that shrinks and grows: the frame follows.
        const before = (await sizes())[1];
        await edited.getByTestId('editor').fill('print("short")\n');
        await page.waitForFunction((old) => Math.abs(document.querySelectorAll('iframe')[1].clientHeight - old) > 50, before.outer, { timeout: 5_000 });
        const shrunk = (await sizes())[1];
        await edited.getByTestId('editor').fill(Array.from({ length: 40 }, (_, i) => `print(${i})`).join('\n'));
        await page.waitForFunction((old) => document.querySelectorAll('iframe')[1].clientHeight > old + 50, shrunk.outer, { timeout: 5_000 });
        const grown = (await sizes())[1];
        expect(Math.abs(shrunk.outer - shrunk.inner) <= 1 && Math.abs(grown.outer - grown.inner) <= 1, `sizes ${JSON.stringify({ shrunk, grown })}`);

        // Messages that are not from a frame of the site change nothing.
        const heightsBefore = await frames.evaluateAll((list) => list.map((frame) => frame.style.height));
        await page.evaluate(() => window.postMessage({ type: 'threadplay:height', height: 77 }, '*'));
        await page.waitForTimeout(200);
        const heightsAfter = await frames.evaluateAll((list) => list.map((frame) => frame.style.height));
        expect(JSON.stringify(heightsBefore) === JSON.stringify(heightsAfter), `a message from the docs page resized a frame: ${heightsBefore} -> ${heightsAfter}`);

        // No flood: quiet frames send nothing, and no message repeats the last height.
        await page.waitForTimeout(1_000);
        const heights = await page.evaluate(() => window.__heights);
        const last = heights.at(-1)?.at ?? 0;
        const now = await page.evaluate(() => performance.now());
        expect(now - last > 900, `a height message came ${Math.round(now - last)} ms ago with nothing changing`);
        for (let i = 1; i < heights.length; i += 1) {
          const previous = heights.slice(0, i).filter((h) => h.index === heights[i].index).at(-1);
          expect(!previous || previous.height !== heights[i].height, `frame ${heights[i].index} sent ${heights[i].height} twice in a row`);
        }

        // The frame far below loads when scrolled to, dark as its data-theme asks.
        await frames.nth(2).scrollIntoViewIfNeeded();
        await page.waitForFunction(() => document.querySelectorAll('iframe')[2].dataset.height, null, { timeout: 30_000 });
        const deadlock = await frameOf(2);
        await waitRunnable(deadlock);
        const dark = await deadlock.evaluate(() => [document.documentElement.dataset.theme, getComputedStyle(document.documentElement).backgroundColor]);
        expect(dark[0] === 'dark' && dark[1] === 'rgb(18, 21, 27)', `third frame theme ${dark}`);
        expect(await deadlock.getByTestId('scheduler').inputValue() === 'virtual' && await deadlock.getByTestId('seed').inputValue() === '7', 'the third frame\'s scheduler and seed');
        const small = await frames.nth(2).evaluate((element) => element.clientHeight);
        await deadlock.getByTestId('run').click();
        await waitStatus(deadlock, 'deadlock', 60_000);
        await page.waitForFunction((old) => document.querySelectorAll('iframe')[2].clientHeight > old, small, { timeout: 5_000 });
        const large = await frames.nth(2).evaluate((element) => element.clientHeight);
        expect(siteDocuments.length === 3, `${siteDocuments.length} frame documents loaded`);
        expect(errors.length === 0, errors.join('\n'));
        return `frames ${(await sizes()).map((s) => `${s.outer}`).join(', ')} px tall; edited frame ${before.outer} -> ${shrunk.outer} -> ${grown.outer} px; deadlock frame ${small} -> ${large} px (wait cycle shown); ${heights.length} height messages; ${counter}`;
      } finally {
        await page.close();
      }
    });

    await check('embed: screenshots of a docs page with embeds at 1280 and 390 px, nothing wider than the page', async () => {
      writeDocs();
      const widths = {};
      for (const width of [1280, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        try {
          await page.goto(docs.url);
          // Every frame in view (a tall viewport), so all load and size themselves; a
          // full-page capture would leave cross-origin frames blank in headless Chromium.
          for (let round = 0; round < 4; round += 1) {
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            await page.setViewportSize({ width, height: Math.min(height, 16_000) });
            await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((frame) => frame.dataset.height), null, { timeout: 30_000 }).catch(() => {});
            await page.waitForTimeout(300);
          }
          for (const frame of page.frames().slice(1)) await waitRunnable(frame).catch(() => {});
          // The first frame after a run, as a reader would see it.
          const first = page.frames().find((frame) => frame.url().includes('#/embed/race') && !frame.url().includes('?'));
          await first.getByTestId('run').click();
          await waitStatus(first, 'finished', 60_000);
          await page.waitForTimeout(500);
          widths[width] = await page.evaluate(() => document.documentElement.scrollWidth);
          await page.screenshot({ path: join(artifacts, `embed-docs-${width}.png`) });
        } finally {
          await page.close();
        }
      }
      for (const [width, scroll] of Object.entries(widths)) expect(scroll <= Number(width), `the docs page is ${scroll} px wide at ${width} px`);
      return `embed-docs-1280.png, embed-docs-390.png`;
    });
  } finally {
    await site.close();
    await docs.close();
  }
}
