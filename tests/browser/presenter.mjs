// Presenter mode (issue 14, presenter part; src/ui/presenter.rs): at 1280x720 with it on,
// the program, Run/Stop/Reset, the status, the counters and the timeline are on screen
// without scrolling (required for race and gil, counted for every demo); the type is
// larger than without it; the arrow keys walk through the demos in the order of the
// page's own previous/next links, with the mode kept across that and a reload; P and
// Escape turn it off, keys typed into the editor or a field do nothing; axe finds 0
// violations. Geometry, not pixels; the screenshots are for looking at.
import { join } from 'node:path';
import { axeViolations, summarize } from './axe.mjs';

const PROJECTOR = { width: 1280, height: 720 };
const MUST_FIT = ['race', 'gil'];
const PARTS = {
  editor: '.editor-scroll',
  run: '[data-testid=run]',
  stop: '[data-testid=stop]',
  reset: '[data-testid=reset]',
  status: '[data-testid=status]',
  counters: '.region.counters',
  timeline: '[data-testid=timeline]',
};

const ready = (page) => page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });

async function open(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
  await ready(page);
}

const pressed = (page) => page.evaluate(() => document.querySelector('[data-testid=presenter]')?.getAttribute('aria-pressed'));
const presenting = (page) => page.evaluate(() => document.querySelector('.shell')?.classList.contains('presenter') ?? false);

/// Turns presenter mode on with its button (and checks it took).
async function turnOn(page) {
  if ((await pressed(page)) !== 'true') await page.getByTestId('presenter').click();
  await page.waitForFunction(() => document.querySelector('.shell.presenter [data-testid=presenter][aria-pressed=true]'));
  await page.waitForTimeout(150);
}

/// The parts outside the 1280x720 viewport (name: box), and the page's scroll size.
function outside(page) {
  return page.evaluate(({ parts, width, height }) => {
    const out = {};
    for (const [name, selector] of Object.entries(parts)) {
      const element = document.querySelector(selector);
      if (!element) { out[name] = 'missing'; continue; }
      const r = element.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > height + 0.5 || r.right > width + 0.5) {
        out[name] = `${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)}`;
      }
    }
    return { out, scrollWidth: document.documentElement.scrollWidth };
  }, { parts: PARTS, ...PROJECTOR });
}

/// Computed font sizes in px of the code, Run, the status and the counters' labels.
function fontSizes(page) {
  return page.evaluate(() => {
    const size = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
    return {
      code: size('.editor-grid'),
      run: size('[data-testid=run]'),
      status: size('[data-testid=status]'),
      label: size('.region.counters dt'),
      title: size('.demo-head h1'),
    };
  });
}

const slugOf = (href) => href?.split('#/demo/')[1] ?? null;
const currentSlug = (page) => page.evaluate(() => location.hash.replace('#/demo/', ''));

export async function presenterChecks({ browser, url, plainUrl, check, expect, artifacts, demos }) {
  const slugs = demos().map((demo) => demo.slug);

  await check('presenter: at 1280x720 the editor, Run/Stop/Reset, status, counters and timeline are on screen for race and gil (before and after a run); counted for every demo', async () => {
    const page = await browser.newPage({ viewport: PROJECTOR });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await open(page, url, slugs[0]);
      await turnOn(page);
      const misfits = {};
      for (const slug of slugs) {
        await open(page, url, slug);
        expect(await presenting(page), `${slug}: presenter mode is off after opening it`);
        const { out, scrollWidth } = await outside(page);
        if (scrollWidth > PROJECTOR.width) out.page = `${scrollWidth} px wide`;
        if (Object.keys(out).length) misfits[slug] = out;
      }
      for (const slug of MUST_FIT) {
        expect(!misfits[slug], `${slug} does not fit 1280x720: ${JSON.stringify(misfits[slug])}`);
        await open(page, url, slug);
        await page.getByTestId('run').click();
        await page.waitForFunction(() => ['finished', 'error', 'deadlock', 'stopped'].includes(document.querySelector('[data-testid=status]')?.textContent), null, { timeout: 90_000 });
        await page.waitForTimeout(300);
        const after = await outside(page);
        expect(Object.keys(after.out).length === 0 && after.scrollWidth <= PROJECTOR.width,
          `${slug} after a run does not fit: ${JSON.stringify(after)}`);
        await page.screenshot({ path: join(artifacts, `presenter-${slug}.png`) });
      }
      expect(errors.length === 0, errors.join('\n'));
      const fit = slugs.length - Object.keys(misfits).length;
      return `${fit} of ${slugs.length} demos fit${fit < slugs.length ? `; not: ${Object.entries(misfits).map(([slug, out]) => `${slug} (${Object.keys(out).join(', ')})`).join('; ')}` : ''}; race and gil also after a run`;
    } finally {
      await page.close();
    }
  });

  await check('presenter: larger type than without it (code at least 19.5 px)', async () => {
    const page = await browser.newPage({ viewport: PROJECTOR });
    try {
      await open(page, url, 'race');
      const before = await fontSizes(page);
      await turnOn(page);
      const after = await fontSizes(page);
      for (const [name, px] of Object.entries(after)) {
        expect(px > before[name], `${name}: ${before[name]} px without presenter mode, ${px} px with it`);
      }
      expect(after.code >= 19.5, `code at ${after.code} px`);
      return Object.entries(after).map(([name, px]) => `${name} ${before[name]} -> ${px} px`).join(', ');
    } finally {
      await page.close();
    }
  });

  await check('presenter: arrows walk every demo in the order of the previous/next links, the mode survives that and a reload; P and Escape turn it off; keys in the editor and fields do nothing', async () => {
    const page = await browser.newPage({ viewport: PROJECTOR });
    try {
      await open(page, url, slugs[0]);
      // Off: the arrows do nothing.
      await page.locator('body').press('ArrowRight');
      await page.waitForTimeout(200);
      expect(await currentSlug(page) === slugs[0], `ArrowRight moved to ${await currentSlug(page)} with presenter mode off`);
      // P turns it on (focus on the page, not in a field).
      await page.locator('body').press('p');
      expect(await pressed(page) === 'true' && await presenting(page), 'P did not turn presenter mode on');
      // Back to the first demo with ArrowLeft, each time to the page's own previous link.
      let backward = 0;
      for (;;) {
        const previous = slugOf(await page.getByTestId('previous-demo').getAttribute('href', { timeout: 500 }).catch(() => null));
        if (!previous) break;
        await page.keyboard.press('ArrowLeft');
        await page.getByTestId(`demo-${previous}`).waitFor({ timeout: 10_000 });
        expect(await presenting(page), `presenter mode is off on ${previous}`);
        backward += 1;
        expect(backward <= slugs.length, 'walked back in a loop');
      }
      const first = await currentSlug(page);
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(200);
      expect(await currentSlug(page) === first, `ArrowLeft on the first demo moved to ${await currentSlug(page)}`);
      // Forward through every demo, each time to the page's own next link.
      const walked = [first];
      for (;;) {
        const next = slugOf(await page.getByTestId('next-demo').getAttribute('href', { timeout: 500 }).catch(() => null));
        const from = await currentSlug(page);
        await page.keyboard.press('ArrowRight');
        if (!next) {
          await page.waitForTimeout(200);
          expect(await currentSlug(page) === from, `ArrowRight on the last demo moved to ${await currentSlug(page)}`);
          break;
        }
        await page.getByTestId(`demo-${next}`).waitFor({ timeout: 10_000 });
        expect(await presenting(page), `presenter mode is off on ${next}`);
        walked.push(next);
        expect(walked.length <= slugs.length, `walked in a loop: ${walked.join(' ')}`);
      }
      expect([...walked].sort().join(' ') === [...slugs].sort().join(' '), `the walk ${walked.join(' ')} does not visit every demo once (${slugs.join(' ')})`);
      // Back three from the last.
      for (let step = 2; step <= 4; step += 1) {
        await page.keyboard.press('ArrowLeft');
        await page.getByTestId(`demo-${walked.at(-step)}`).waitFor({ timeout: 10_000 });
      }
      const back = await currentSlug(page);
      expect(back === walked.at(-4), `three ArrowLeft from the last demo reached ${back}, not ${walked.at(-4)}`);
      // A reload keeps it on.
      await page.reload();
      await page.getByTestId(`demo-${back}`).waitFor({ timeout: 30_000 });
      await ready(page);
      expect(await pressed(page) === 'true' && await presenting(page), 'presenter mode is off after a reload');
      // Keys typed into the editor or a field are the program's, not presenter mode's.
      const editor = page.locator('.editor textarea');
      await editor.focus();
      for (const key of ['p', 'ArrowLeft', 'ArrowRight', 'Escape']) await page.keyboard.press(key);
      await page.waitForTimeout(200);
      expect(await currentSlug(page) === back && await presenting(page), `keys in the editor changed the mode or the demo (${await currentSlug(page)})`);
      expect((await editor.inputValue()).includes('p'), 'the p typed into the editor is not in the program');
      await page.getByTestId('reset').click();
      await page.getByTestId('switch-interval').focus();
      await page.keyboard.press('p');
      expect(await presenting(page), 'P in the switch interval field turned presenter mode off');
      // P turns it off, then on again; Escape turns it off.
      await page.locator('body').click({ position: { x: 5, y: 700 } });
      await page.keyboard.press('p');
      expect(await pressed(page) === 'false' && !(await presenting(page)), 'P did not turn presenter mode off');
      await page.keyboard.press('P');
      expect(await presenting(page), 'Shift+P did not turn presenter mode on');
      await page.keyboard.press('Escape');
      expect(await pressed(page) === 'false' && !(await presenting(page)), 'Escape did not turn presenter mode off');
      await page.reload();
      await ready(page);
      expect(!(await presenting(page)), 'presenter mode came back after a reload though it was turned off');
      return `back ${backward} to ${first}, forward ${walked.length} demos in chapter order (${walked[0]} .. ${walked.at(-1)}), back 3 to ${back}; kept across ${walked.length - 1} moves and a reload; P, Shift+P and Escape toggle; editor and field keys ignored`;
    } finally {
      await page.close();
    }
  });

  await check('presenter: axe-core finds no violations with presenter mode on (race and gil, light and dark, race after a run)', async () => {
    const found = [];
    let scans = 0;
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: PROJECTOR });
      await page.emulateMedia({ colorScheme: theme });
      try {
        for (const slug of MUST_FIT) {
          await open(page, url, slug);
          await turnOn(page);
          const violations = await axeViolations(page);
          scans += 1;
          if (violations.length) found.push(`${slug} ${theme}: ${summarize(violations)} ${JSON.stringify(violations.map((v) => v.nodes))}`);
        }
        await open(page, url, 'race');
        await page.getByTestId('run').click();
        await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
        const violations = await axeViolations(page);
        scans += 1;
        if (violations.length) found.push(`race after a run ${theme}: ${summarize(violations)}`);
      } finally {
        await page.close();
      }
    }
    expect(found.length === 0, found.join('\n'));
    return `${scans} scans, 0 violations`;
  });

  if (plainUrl) {
    await check('presenter: in the simulated build (no isolation headers) P turns it on and race fits 1280x720 after a run', async () => {
      const page = await browser.newPage({ viewport: PROJECTOR, serviceWorkers: 'block' });
      try {
        await open(page, plainUrl, 'race');
        await page.locator('body').press('p');
        expect(await presenting(page), 'P did not turn presenter mode on');
        await page.getByTestId('run').click();
        await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 60_000 });
        await page.waitForTimeout(300);
        const engine = await page.evaluate(() => document.documentElement.dataset.engine ?? 'threads');
        const { out, scrollWidth } = await outside(page);
        expect(Object.keys(out).length === 0 && scrollWidth <= PROJECTOR.width, `race does not fit: ${JSON.stringify({ out, scrollWidth })}`);
        await page.screenshot({ path: join(artifacts, 'presenter-race-simulated.png') });
        return `engine ${engine}: everything on screen after a run`;
      } finally {
        await page.close();
      }
    });
  }
}
