// Share links, saved edits and run exports (issue 14, src/ui/share.rs): "Copy link"
// reopens every demo with its edited program, controls, GIL model, switch interval,
// scheduler and seed in a fresh browser, running nothing; a malformed link is one line
// and the demo's program; an edit survives a reload and Reset brings back the listing;
// "Download trace" gives Chrome Trace Event JSON that passes the rules the CLI's export
// is tested against (crates/engine/tests/trace_export.rs, ported below); "Copy output"
// copies the console's text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, summarize } from './axe.mjs';

const PERMISSIONS = ['clipboard-read', 'clipboard-write'];
// The state names of trace::ThreadState::label, the only span names the export writes.
const STATE_LABELS = ['running', 'waiting for GIL', 'sleeping', 'blocked', 'done'];

const statusOf = (page) => page.getByTestId('status').textContent();
const waitStatus = (page, words, timeout = 60_000) => page.waitForFunction(
  (words) => words.includes(document.querySelector('[data-testid=status]')?.textContent),
  Array.isArray(words) ? words : [words], { timeout },
);

async function openDemo(page, url, hash) {
  await page.goto(`${url}${hash}`);
  await page.locator('[data-testid^="demo-"]').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
}

/** Every setting the link must restore, as the page shows it. */
const pageState = (page) => page.evaluate(() => {
  const value = (id) => document.querySelector(`[data-testid="${id}"]`)?.value ?? null;
  const params = {};
  for (const input of document.querySelectorAll('[data-testid^="param-"]')) {
    params[input.dataset.testid] = input.type === 'checkbox' ? input.checked : input.value;
  }
  return {
    program: value('editor'),
    gil: value('gil-model'),
    switchMs: value('switch-interval'),
    scheduler: value('scheduler'),
    seed: value('seed'),
    params,
  };
});

/** Changes the first parameter control (a number up or down one, a switch flipped). */
async function changeControl(page) {
  const input = page.locator('[data-testid^="param-"]:not([disabled])').first();
  if (await input.count() === 0) return null;
  const id = await input.getAttribute('data-testid');
  if (await input.getAttribute('type') === 'checkbox') {
    await input.click();
    return id;
  }
  const now = Number(await input.inputValue());
  const max = Number(await input.getAttribute('max') ?? Infinity);
  const next = now + 1 <= max ? now + 1 : now - 1;
  await input.fill(String(next));
  await input.dispatchEvent('change');
  return id;
}

/**
 * The format rules of crates/engine/tests/trace_export.rs's `check_document`, in JS:
 * the object form with metadata, a thread-name event before a track's events,
 * thread-scoped instants in order, complete events of known states that never overlap
 * within a thread (to the export's rounding), numeric counters. Returns what it saw.
 */
export function checkTraceDocument(text) {
  const document = JSON.parse(text);
  if (!Array.isArray(document.traceEvents)) throw new Error('no traceEvents array');
  if (typeof document.metadata !== 'object' || document.metadata === null) throw new Error('no metadata object');
  const names = new Map();
  const lastEnd = new Map();
  const lastInstant = new Map();
  const seen = { spans: 0, spansWithLines: 0, instants: {}, printed: [], counters: {}, names };
  for (const event of document.traceEvents) {
    const { tid, ph } = event;
    if (!Number.isInteger(tid)) throw new Error(`no tid: ${JSON.stringify(event)}`);
    if (ph === 'i') {
      if (event.s !== 't') throw new Error(`instant not thread-scoped: ${JSON.stringify(event)}`);
      if (!names.has(tid)) throw new Error(`instant on an unnamed track: ${JSON.stringify(event)}`);
      if (!(event.ts >= 0)) throw new Error(`instant before the start: ${JSON.stringify(event)}`);
      if (event.ts + 0.002 < (lastInstant.get(tid) ?? 0)) throw new Error(`instant out of order: ${JSON.stringify(event)}`);
      lastInstant.set(tid, event.ts);
      if (event.name === 'print') seen.printed.push(event.args.text);
      seen.instants[event.name] = (seen.instants[event.name] ?? 0) + 1;
    } else if (ph === 'C') {
      for (const value of Object.values(event.args ?? {})) {
        if (typeof value !== 'number') throw new Error(`counter not a number: ${JSON.stringify(event)}`);
      }
      (seen.counters[event.name] ??= []).push(event.args.value);
    } else if (ph === 'M') {
      if (event.name === 'thread_name') names.set(tid, event.args.name);
    } else if (ph === 'X' && event.cat === 'gil') {
      // A GIL track's span (one track per process): who held that GIL, in order.
      const holder = event.name.startsWith('held by ') ? event.name.slice('held by '.length) : null;
      if (holder === null) throw new Error(`a GIL span names its holder: ${JSON.stringify(event)}`);
      if (![...names.values()].includes(holder)) throw new Error(`the GIL held by an unknown thread: ${JSON.stringify(event)}`);
      if (!names.has(tid)) throw new Error(`GIL span on an unnamed track: ${JSON.stringify(event)}`);
      if (!(event.dur >= 0)) throw new Error(`negative duration: ${JSON.stringify(event)}`);
      if (event.ts + 0.002 < (lastEnd.get(tid) ?? 0)) throw new Error(`overlapping GIL spans: ${JSON.stringify(event)}`);
      lastEnd.set(tid, event.ts + event.dur);
      seen.gilSpans = (seen.gilSpans ?? 0) + 1;
    } else if (ph === 'X') {
      seen.spans += 1;
      if (!(event.dur >= 0)) throw new Error(`negative duration: ${JSON.stringify(event)}`);
      if (!STATE_LABELS.includes(event.name)) throw new Error(`unknown state: ${JSON.stringify(event)}`);
      if (!names.has(tid)) throw new Error(`span before its thread's name: ${JSON.stringify(event)}`);
      if (event.ts + 0.002 < (lastEnd.get(tid) ?? 0)) throw new Error(`overlapping or out-of-order span on tid ${tid}: ${JSON.stringify(event)}`);
      lastEnd.set(tid, event.ts + event.dur);
      if (event.args?.line > 0) seen.spansWithLines += 1;
    } else {
      throw new Error(`unexpected phase ${ph}`);
    }
  }
  seen.metadata = document.metadata;
  return seen;
}

// `simulated`: the page served without isolation (the simulated build, service workers
// blocked so it cannot isolate itself): the round trip for a few demos and the exports
// on the virtual scheduler, the build's only one.
export async function shareChecks({ browser, url, check, expect, artifacts, demos, simulated = false }) {
  // These checks are about saved edits among other things: keep them (run.mjs forgets
  // them for every other check).
  const contextOptions = (extra = {}) => ({ viewport: { width: 1280, height: 800 }, keepSavedEdits: true, ...(simulated ? { serviceWorkers: 'block' } : {}), ...extra });
  const label = simulated ? 'share (simulated build)' : 'share';
  const prefix = simulated ? 'share-simulated' : 'share';
  if (simulated) demos = demos.filter(({ slug }) => ['race', 'deadlock', 'quiz', 'first-thread'].includes(slug));
  await check(`${label}: Copy link round trip for every demo (${demos.length}): edited program, a control, GIL model, switch interval, scheduler and seed come back in a fresh browser, nothing runs`, async () => {
    const context = await browser.newContext(contextOptions({ permissions: PERMISSIONS }));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const lengths = [];
    const fresh = await browser.newContext(contextOptions());
    try {
      for (const [index, { slug }] of demos.entries()) {
        await openDemo(page, url, `#/demo/${slug}`);
        const listing = await page.getByTestId('editor').inputValue();
        const control = await changeControl(page);
        const editor = page.getByTestId('editor');
        await editor.fill(`${await editor.inputValue()}\n# shared in the workshop, ${slug} \u2192 room 2\n`);
        const gil = (await page.getByTestId('gil-model').inputValue()) === 'free' ? 'legacy' : 'free';
        await page.getByTestId('gil-model').selectOption(gil);
        await page.getByTestId('switch-interval').fill('2.5');
        await page.getByTestId('switch-interval').dispatchEvent('change');
        await page.getByTestId('scheduler').selectOption('virtual');
        await page.getByTestId('seed').fill(String(4000 + index));
        await page.getByTestId('seed').dispatchEvent('change');
        const want = await pageState(page);
        expect(want.program !== listing && want.gil === gil && want.switchMs === '2.5' && want.seed === String(4000 + index),
          `${slug}: the edits did not take: ${JSON.stringify({ ...want, program: undefined })}`);

        await page.getByTestId('share').click();
        const link = await page.getByTestId('share-link').inputValue();
        await page.getByTestId('share-copied').filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 });
        const clipboard = await page.evaluate(() => navigator.clipboard.readText());
        expect(clipboard === link, `${slug}: the clipboard holds ${clipboard.slice(0, 80)}, the field ${link.slice(0, 80)}`);
        expect(link.startsWith(`${url}#/demo/${slug}?p=`), `${slug}: ${link.slice(0, 120)}`);
        expect(/^[A-Za-z0-9_\-]+$/.test(new URL(link).hash.match(/[?&]p=([^&]*)/)[1]), `${slug}: p is not base64url`);
        lengths.push({ slug, chars: link.length - url.length, program: want.program.length });

        // Another browser profile (none of this one's saved edits to explain the result):
        // one for every demo, a page per link, so the round trip does not pay a cold
        // start per demo; a link wins over a saved edit anyway, and each demo is opened
        // there once.
        const opened = await fresh.newPage();
        try {
          opened.on('pageerror', (error) => errors.push(`${slug} (opened): ${error.message}`));
          await openDemo(opened, '', link);
          const got = await pageState(opened);
          for (const key of ['program', 'gil', 'switchMs', 'scheduler', 'seed']) {
            expect(got[key] === want[key], `${slug}: ${key} came back as ${JSON.stringify(got[key])?.slice(0, 200)}, not ${JSON.stringify(want[key])?.slice(0, 200)}`);
          }
          expect(JSON.stringify(got.params) === JSON.stringify(want.params), `${slug}: controls ${JSON.stringify(got.params)} vs ${JSON.stringify(want.params)}`);
          if (control) expect(got.params[control] !== undefined, `${slug}: control ${control} is gone`);
          // (The message is read only when there is one: a missing element would hold the
          // locator's 30 s timeout on every demo.)
          const problems = await opened.getByTestId('link-problem').allTextContents();
          expect(problems.length === 0, `${slug}: a link problem: ${problems.join(' ')}`);
          // Nothing ran, and nothing starts by itself.
          await opened.waitForTimeout(300);
          expect(await statusOf(opened) === 'idle', `${slug}: status ${await statusOf(opened)} after opening the link`);
          expect((await opened.getByTestId('console').textContent()) === '', `${slug}: the console has output`);
          if (index === 0) await opened.screenshot({ path: join(artifacts, `${prefix}-opened.png`) });
        } finally {
          await opened.close();
        }
      }
      await page.getByTestId('share').click();
      await page.screenshot({ path: join(artifacts, `${prefix}-panel.png`) });
      await page.setViewportSize({ width: 390, height: 800 });
      await page.screenshot({ path: join(artifacts, `${prefix}-panel-phone.png`) });
      expect(errors.length === 0, errors.join('\n'));
    } finally {
      await fresh.close();
      await context.close();
    }
    lengths.sort((a, b) => b.chars - a.chars);
    const longest = lengths[0];
    return `longest link: ${longest.slug}, ${longest.chars} characters after the site's address for a ${longest.program}-character program; shortest ${lengths.at(-1).slug} ${lengths.at(-1).chars}`;
  });

  if (!simulated) await check('share: malformed, truncated and oversized share links give one line, the demo\'s program, and run nothing', async () => {
    const context = await browser.newContext(contextOptions());
    const page = await context.newPage();
    const seen = [];
    try {
      await openDemo(page, url, '#/demo/race');
      const listing = await page.getByTestId('editor').inputValue();
      await page.getByTestId('editor').fill(listing.replace('THREADS = 5', 'THREADS = 3'));
      await page.getByTestId('share').click();
      const link = await page.getByTestId('share-link').inputValue();
      const query = new URL(link).hash.split('?')[1];
      const good = query.match(/p=([^&]+)/)[1];
      const cases = {
        'cut in half': `p=${good.slice(0, Math.floor(good.length / 2))}&gil=free`,
        'cut mid-key': `${query.slice(0, query.indexOf('&gil') + 3)}`,
        'not base64url': `p=${good.slice(0, 10)}*$!${good.slice(10)}&gil=free`,
        oversized: `p=${'A'.repeat(30_000)}&gil=free`,
        'bad seed': `p=${good}&gil=free&seed=99999999999`,
      };
      // Nothing saved may hide what the link does: a fresh context for each.
      for (const [name, bad] of Object.entries(cases)) {
        const fresh = await browser.newContext(contextOptions());
        try {
          const opened = await fresh.newPage();
          const errors = [];
          opened.on('pageerror', (error) => errors.push(error.message));
          await openDemo(opened, url, `#/demo/race?${bad}`);
          const problem = opened.getByTestId('link-problem');
          await problem.waitFor({ timeout: 5_000 });
          const text = await problem.textContent();
          expect(!text.includes('\n'), `${name}: more than one line: ${text}`);
          const program = await opened.getByTestId('editor').inputValue();
          if (name === 'bad seed') {
            expect(program.includes('THREADS = 3') && text.includes('seed'), `${name}: ${text}`);
          } else {
            expect(program === listing, `${name}: not the demo's program`);
          }
          expect(await statusOf(opened) === 'idle', `${name}: something ran`);
          expect(errors.length === 0, `${name}: ${errors.join('\n')}`);
          seen.push(`${name}: "${text.slice(0, 70)}\u2026"`);
          if (name === 'oversized') await opened.screenshot({ path: join(artifacts, 'share-bad-link.png') });
        } finally {
          await fresh.close();
        }
      }
    } finally {
      await context.close();
    }
    return seen.join('; ');
  });

  if (!simulated) await check('share: an edit survives a reload (per demo), Reset brings back the listing and forgets the edit', async () => {
    const context = await browser.newContext(contextOptions());
    const page = await context.newPage();
    try {
      await openDemo(page, url, '#/demo/race');
      const listing = await page.getByTestId('editor').inputValue();
      const edited = listing.replace('THREADS = 5', 'THREADS = 2');
      expect(edited !== listing, 'the race demo has no THREADS = 5 line');
      await page.getByTestId('editor').fill(edited);
      await page.getByTestId('gil-model').selectOption('free');
      await page.reload();
      await openDemo(page, url, '#/demo/race');
      expect(await page.getByTestId('editor').inputValue() === edited, 'the edit was lost on reload');
      expect(await page.getByTestId('gil-model').inputValue() === 'free', 'the GIL model was lost on reload');
      // Another demo keeps its own listing.
      await openDemo(page, url, '#/demo/first-thread');
      const other = await page.getByTestId('editor').inputValue();
      expect(!other.includes('THREADS = 2'), 'the edit leaked into another demo');
      await openDemo(page, url, '#/demo/race');
      expect(await page.getByTestId('editor').inputValue() === edited, 'the edit was lost after visiting another demo');
      // A page opened from a link keeps the edits made since over a reload; another
      // link still wins over them.
      await page.getByTestId('share').click();
      const link = await page.getByTestId('share-link').inputValue();
      await openDemo(page, '', link);
      const further = edited.replace('ROUNDS = 100_000', 'ROUNDS = 1_000');
      await page.getByTestId('editor').fill(further);
      await page.reload();
      await openDemo(page, '', link);
      expect(await page.getByTestId('editor').inputValue() === further, 'the edit made after opening the link was lost on reload');
      await openDemo(page, url, '#/demo/race?gil=legacy');
      expect(await page.getByTestId('editor').inputValue() === listing && await page.getByTestId('gil-model').inputValue() === 'legacy',
        'another link did not win over the saved edit');
      await page.getByTestId('editor').fill(edited);
      await page.getByTestId('reset').click();
      expect(await page.getByTestId('editor').inputValue() === listing, 'Reset did not bring back the listing');
      await openDemo(page, url, '#/demo/race');
      await page.reload();
      await openDemo(page, url, '#/demo/race');
      expect(await page.getByTestId('editor').inputValue() === listing, 'after Reset and a reload the edit came back');
      const saved = await page.evaluate(() => localStorage.getItem('threadplay:edit:race'));
      expect(saved === null || !saved.includes('p='), `the saved edit still holds a program: ${saved}`);
      return `a reload kept THREADS = 2 and gil=free, and an edit made after opening a link; another link won; after Reset (settings kept) the store holds ${JSON.stringify(saved)}`;
    } finally {
      await context.close();
    }
  });

  await check(`${label}: Download trace gives Chrome Trace Event JSON that passes the CLI export's rules; Copy output copies the console`, async () => {
    const context = await browser.newContext(contextOptions({ permissions: PERMISSIONS, acceptDownloads: true }));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const figures = [];
    try {
      await openDemo(page, url, '#/demo/race');
      const listing = await page.getByTestId('editor').inputValue();
      expect(await page.getByTestId('download-trace').isDisabled(), 'download-trace is enabled before any run');
      const program = listing.replace('THREADS = 5', 'THREADS = 3').replace('ROUNDS = 100_000', 'ROUNDS = 20_000');
      await page.getByTestId('editor').fill(`${program}\nprint("bye", threading.current_thread().name)\n`);
      for (const scheduler of simulated ? ['virtual'] : ['threads', 'virtual']) {
        await page.getByTestId('scheduler').selectOption(scheduler);
        await page.getByTestId('run').click();
        await waitStatus(page, ['finished', 'error']);
        expect(await statusOf(page) === 'finished', `${scheduler}: ${await statusOf(page)}: ${await page.getByTestId('console').textContent()}`);
        const downloading = page.waitForEvent('download', { timeout: 10_000 });
        await page.getByTestId('download-trace').click();
        const download = await downloading;
        const path = join(artifacts, `${prefix}-trace-${scheduler}.json`);
        await download.saveAs(path);
        const text = readFileSync(path, 'utf8');
        const seen = checkTraceDocument(text);
        const allNames = [...seen.names.values()].sort();
        // One GIL track (the main process's), then the threads' tracks.
        const names = allNames.filter((n) => !n.startsWith('GIL'));
        expect(allNames.filter((n) => n === 'GIL').length === 1 && seen.gilSpans > 0, `${scheduler}: tracks ${allNames}, ${seen.gilSpans} GIL spans`);
        expect(names.includes('MainThread') && names.filter((n) => n !== 'MainThread').length === 3, `${scheduler}: tracks ${names}`);
        expect(seen.spans >= 4 * 2 && seen.spansWithLines > 0, `${scheduler}: ${seen.spans} spans, ${seen.spansWithLines} with lines`);
        const consoleText = await page.getByTestId('console').textContent();
        const printedLines = consoleText.trim().split('\n');
        expect(JSON.stringify(seen.printed) === JSON.stringify(printedLines), `${scheduler}: printed ${JSON.stringify(seen.printed)} vs console ${JSON.stringify(printedLines)}`);
        const counter = seen.counters.counter ?? [];
        const shown = Number(await page.getByTestId('watch').textContent());
        expect(counter.length >= 1 && counter.at(-1) === shown, `${scheduler}: counter samples end at ${counter.at(-1)}, the page shows ${shown}`);
        expect(seen.metadata.summarized === false, `${scheduler}: metadata ${JSON.stringify(seen.metadata)}`);
        expect(download.suggestedFilename() === 'threadplay-race-trace.json', download.suggestedFilename());
        figures.push(`${scheduler}: ${text.length} bytes, ${seen.spans} spans, ${Object.values(seen.instants).reduce((a, b) => a + b, 0)} instants, ${counter.length} counter samples`);

        await page.getByTestId('copy-output').click();
        await page.getByTestId('export-note').filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 });
        const clipboard = await page.evaluate(() => navigator.clipboard.readText());
        expect(clipboard === consoleText, `${scheduler}: clipboard ${JSON.stringify(clipboard)} vs console ${JSON.stringify(consoleText)}`);
      }
      await page.screenshot({ path: join(artifacts, `${prefix}-exports.png`) });
      // The new controls, and the share panel open, in light and dark.
      await page.getByTestId('share').click();
      for (const theme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: theme });
        const violations = await axeViolations(page);
        expect(violations.length === 0, `axe, ${theme}: ${summarize(violations)} ${JSON.stringify(violations.map((v) => v.nodes))}`);
      }
      figures.push('axe: no violations with the share panel open, light and dark');
      expect(errors.length === 0, errors.join('\n'));
    } finally {
      await context.close();
    }
    return figures.join('; ');
  });
}
