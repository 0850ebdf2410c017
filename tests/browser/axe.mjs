// axe-core in the page (issue 12, accessibility): inject the npm package's axe.min.js
// with playwright, run it, and tabulate the violations by rule. Used by a11y.mjs (the
// checks) and from the command line to write a table of every page in both themes:
//
//   node tests/browser/axe.mjs --dist dist --cli target/release/threadplay --out axe.md [--title TEXT]
//
// The rule set is axe's default one: every WCAG 2.0/2.1/2.2 A and AA rule plus axe's
// best practices (the experimental rules stay off). Canvas text is invisible to axe;
// a11y.mjs computes the timeline's text contrast itself.
import { chromiumPath, CHROMIUM_ARGS } from './chromium.mjs';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;

/** Runs axe-core on the page as it is now; returns its violations as
 * `[{ id, impact, tags, nodes: [{ target, summary }] }]`. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      tags: violation.tags,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
    }));
  });
}

/** `rule ×count, ...` for a table cell ("none" when clean). */
export function summarize(violations) {
  if (violations.length === 0) return 'none';
  return violations.map((v) => `${v.id} \u00d7${v.nodes.length}`).join(', ');
}

/** Opens a route and waits until it is ready to scan: the gallery drawn, or the demo
 * page with its worker pool ready (Run enabled). */
export async function openRoute(page, url, route) {
  await page.goto(`${url}${route}`);
  const slug = route.startsWith('#/demo/') ? route.slice('#/demo/'.length) : null;
  if (slug) {
    await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
  } else {
    await page.getByTestId('gallery').waitFor({ timeout: 30_000 });
  }
  await page.waitForTimeout(150);
}

/** Runs the demo open on `page` and waits for one of the end states. */
export async function runToEnd(page, ends = ['finished', 'error', 'deadlock', 'stopped'], timeout = 60_000) {
  await page.getByTestId('run').click();
  await page.waitForFunction(
    (ends) => ends.includes(document.querySelector('[data-testid=status]')?.textContent),
    ends, { timeout },
  );
  await page.waitForTimeout(300);
}

/** Tab presses from a fresh load of `route` until the element with `testid` has focus
 * (null if not reached in `limit` presses). */
export async function tabsTo(page, url, route, testid, limit = 80) {
  // A real load (a hash change alone would keep the focus where it was).
  await page.goto('about:blank');
  await openRoute(page, url, route);
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testid)) {
      return presses;
    }
  }
  return null;
}

/** Text colors axe cannot check (canvas text, states not on screen at scan time), as
 * [foreground, background, where]; a name starting `--` is read from the page's CSS.
 * The console's thread tags are checked by the console's own tests. */
export const TEXT_PAIRS = [
  ['--ink', '--panel', 'text on panels'],
  ['--ink', '--page', 'text on the page'],
  ['--ink', '--field', 'editor text, inputs'],
  ['--muted', '--panel', 'region headings, legend, blurbs'],
  ['--muted', '--page', 'the demo heading\'s blurb'],
  ['--muted', '--soft', 'counter labels, line numbers'],
  ['--err', '--soft', 'the line number of an error'],
  ['--accent', '--page', 'the demo\'s section above its title'],
  ['--accent', '--panel', 'section label, quiz letters'],
  ['--accent', '--soft', 'status "running"'],
  ['--accent', '--field', 'the quiz\'s proof button'],
  ['--ok', '--soft', 'status "finished"'],
  ['--warn', '--soft', 'status "stopped", "error", "deadlock"'],
  ['--warn', '--field', 'Stop button'],
  ['--warn', '--panel', 'messages next to controls'],
  ['--run-ink', '--accent', 'Run button'],
  ['--tl-text', '--panel', 'timeline lane names (canvas)'],
  ['--tl-muted', '--panel', 'timeline axis labels (canvas)'],
  ['--tl-muted', '--tl-track', 'timeline "no GIL" caption (canvas)'],
  ['#ffffff', 'legend:blocked', 'timeline: what a blocked span waits for (canvas, white on the blocked color)'],
  ['--tl-tip-ink', '--tl-tip-bg', 'timeline tooltip'],
  // Code sits on the editor's field, tinted where a thread is (--active-line) or an
  // error is underlined (the error color at 12%): the worst of the three counts.
  ...['kw', 'const', 'def', 'builtin', 'deco', 'str', 'num', 'comment', 'op', 'err'].map((token) => [
    `--tok-${token}`.replace('--tok-err', '--err'), ['--field', '--field+--active-line', '--field+--err@0.12'], `editor: ${token} tokens`,
  ]),
];

/** WCAG contrast of each of TEXT_PAIRS in the page's current theme (a demo page:
 * `legend:<state>` is the state's swatch in the timeline's legend):
 * `[{ fg, bg, where, ratio }]`. A missing variable falls back to `fallbacks`. */
export function contrastReport(page, fallbacks = { '--run-ink': '#ffffff' }) {
  return page.evaluate(({ pairs, fallbacks }) => {
    const style = getComputedStyle(document.documentElement);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const legend = (state) => [...document.querySelectorAll('[data-testid=timeline-legend] li')]
      .find((item) => item.textContent.trim() === state)?.querySelector('.swatch')?.style.background;
    const css = (name) => (name.startsWith('--') ? (style.getPropertyValue(name).trim() || fallbacks[name])
      : name.startsWith('legend:') ? legend(name.slice('legend:'.length)) : name);
    // `a+b` paints b over a; `name@0.12` is that color at 12% opacity.
    const rgb = (name) => {
      context.clearRect(0, 0, 1, 1);
      for (const layer of name.split('+')) {
        const [color, alpha] = layer.split('@');
        context.globalAlpha = alpha ? Number(alpha) : 1;
        context.fillStyle = '#000';
        context.fillStyle = css(color);
        context.fillRect(0, 0, 1, 1);
      }
      context.globalAlpha = 1;
      return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const luminance = (c) => {
      const [r, g, b] = c.map((v) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    return pairs.map(([fg, backgrounds, where]) => {
      // Against several backgrounds: the worst.
      const [worst] = [backgrounds].flat().map((bg) => {
        const [a, b] = [luminance(rgb(fg)), luminance(rgb(bg))];
        return { bg, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
      }).sort((x, y) => x.ratio - y.ratio);
      const bg = worst.bg;
      return { fg, bg, where, fgHex: hex(rgb(fg)), bgHex: hex(rgb(bg)), ratio: Math.round(worst.ratio * 100) / 100 };
    });
  }, { pairs: TEXT_PAIRS, fallbacks });
}

/** The demo slugs, from the CLI's `threadplay demos` (the one parser of .demo files). */
export function demoSlugs(cli, demosDir) {
  const json = execFileSync(cli, ['demos', '--dir', demosDir], { maxBuffer: 16 << 20 }).toString();
  return JSON.parse(json).map((demo) => demo.slug);
}

/** Demos scanned again after a default run (counters, console and timeline filled). */
export const AFTER_RUN = [
  { slug: 'race', ends: ['finished'] },
  { slug: 'deadlock', ends: ['deadlock'] },
  { slug: 'many-threads', ends: ['finished'] },
  { slug: 'start-twice', ends: ['finished', 'error'] },
];

/** Scans the gallery and every demo page in both themes, plus the AFTER_RUN demos after
 * a run; returns rows `{ page, theme, violations }`. */
export async function scanAll(browser, url, slugs, log = () => {}) {
  const rows = [];
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.emulateMedia({ colorScheme: theme });
    for (const route of ['#/', ...slugs.map((slug) => `#/demo/${slug}`)]) {
      await openRoute(page, url, route);
      const violations = await axeViolations(page);
      rows.push({ page: route, theme, violations });
      log(`${route} ${theme}: ${summarize(violations)}`);
    }
    for (const { slug, ends } of AFTER_RUN) {
      await openRoute(page, url, `#/demo/${slug}`);
      await runToEnd(page, ends);
      const violations = await axeViolations(page);
      const label = `#/demo/${slug} after a run`;
      rows.push({ page: label, theme, violations });
      log(`${label} ${theme}: ${summarize(violations)}`);
    }
    await page.close();
  }
  return rows;
}

/** The markdown table of `scanAll`'s rows, and the totals per rule. */
export function table(rows) {
  const lines = ['| page | theme | violations (rule \u00d7 elements) |', '|---|---|---|'];
  for (const row of rows) lines.push(`| \`${row.page}\` | ${row.theme} | ${summarize(row.violations)} |`);
  const perRule = new Map();
  for (const row of rows) {
    for (const violation of row.violations) {
      const seen = perRule.get(violation.id) ?? { pages: 0, nodes: 0, impact: violation.impact, tags: violation.tags, help: violation.help };
      seen.pages += 1;
      seen.nodes += violation.nodes.length;
      perRule.set(violation.id, seen);
    }
  }
  const totals = ['| rule | impact | WCAG / tags | page\u00d7theme rows | elements | what axe says |', '|---|---|---|---|---|---|'];
  for (const [id, seen] of [...perRule].sort((a, b) => b[1].nodes - a[1].nodes)) {
    const tags = seen.tags.filter((tag) => /^wcag|best-practice/.test(tag)).join(' ');
    totals.push(`| ${id} | ${seen.impact} | ${tags} | ${seen.pages} | ${seen.nodes} | ${seen.help} |`);
  }
  return { table: lines.join('\n'), totals: perRule.size ? totals.join('\n') : 'No violations.' };
}



if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : fallback;
  };
  const dist = resolve(option('--dist', 'dist'));
  const cli = resolve(option('--cli', 'target/release/threadplay'));
  const out = option('--out', null);
  const title = option('--title', 'axe-core results');
  const slugs = demoSlugs(cli, resolve('demos'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const server = await serve({ root: dist, isolated: true });
  try {
    const rows = await scanAll(browser, server.url, slugs, (line) => console.log(line));
    const keyboard = {};
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    for (const target of ['editor', 'run']) keyboard[target] = await tabsTo(page, server.url, '#/demo/race', target);
    const contrast = {};
    for (const theme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: theme });
      contrast[theme] = await contrastReport(page);
    }
    await page.close();
    const contrastLines = ['| text | on (the worst counts) | where | light | dark |', '|---|---|---|---|---|'];
    contrast.light.forEach((light, index) => {
      const dark = contrast.dark[index];
      const cell = (c) => `${c.fgHex} on ${c.bgHex}: ${c.ratio.toFixed(2)}${c.ratio < 4.5 ? ' **< 4.5**' : ''}`;
      const on = (bg) => [bg].flat().map((b) => `\`${b}\``).join(' ');
      contrastLines.push(`| \`${light.fg}\` | ${on(TEXT_PAIRS[index][1])} | ${light.where} | ${cell(light)} | ${cell(dark)} |`);
    });
    const { table: body, totals } = table(rows);
    const clean = rows.filter((row) => row.violations.length === 0).length;
    const elements = rows.reduce((sum, row) => sum + row.violations.reduce((n, v) => n + v.nodes.length, 0), 0);
    const text = [
      `# ${title}`,
      '',
      `axe-core ${AXE_VERSION} (default rules: WCAG 2.0/2.1/2.2 A and AA plus best practices), headless Chromium at 1280x800,`,
      `\`page.emulateMedia({ colorScheme })\` for the theme. ${rows.length} page\u00d7theme rows, ${clean} without violations, ${elements} failing elements in all.`,
      `Generated by \`node tests/browser/axe.mjs\` on ${new Date().toISOString().slice(0, 16)}Z.`,
      '',
      `Keyboard, race demo, Tab presses from a fresh load: to the editor ${keyboard.editor ?? 'not reached'}, to Run ${keyboard.run ?? 'not reached'}.`,
      '',
      '## Text colors computed (what axe cannot see: canvas text, states not on screen when scanned)',
      '',
      contrastLines.join('\n'),
      '',
      '## Per rule',
      '',
      totals,
      '',
      '## Per page and theme',
      '',
      body,
      '',
    ].join('\n');
    if (out) writeFileSync(out, text);
    console.log(text);
  } finally {
    await browser.close();
    await server.close();
  }
}
