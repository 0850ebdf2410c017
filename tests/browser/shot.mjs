// Screenshots and layout figures for looking at the page while changing it (not a test):
//   node tests/browser/shot.mjs --dist DIST --out DIR [--scheme dark] route[:width[:run]] ...
// e.g. '#/demo/race:1280:run' runs the demo before the screenshot. Prints, per shot, where
// Run, the editor and the timeline are and whether any program line is cut off.
import { launchChromium } from './chromium.mjs';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = argv[at + 1];
  argv.splice(at, 2);
  return value;
};
const dist = resolve(option('--dist', 'dist'));
const out = resolve(option('--out', 'target/shots'));
const scheme = option('--scheme', 'light');
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
const server = await serve({ root: dist, isolated: true });
try {
  for (const spec of argv) {
    const [route, widthText = '1280', action = ''] = spec.split(':');
    const width = Number(widthText);
    const height = width <= 500 ? 844 : 800;
    const page = await browser.newPage({ viewport: { width, height }, hasTouch: width <= 500, isMobile: width <= 500 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}${route}`);
    await page.waitForSelector('[data-testid=gallery], [data-testid=run]');
    if (route.includes('/demo/')) {
      await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
      if (action === 'run') {
        await page.getByTestId('run').click();
        await page.waitForFunction(() => ['finished', 'error', 'deadlock', 'stopped'].includes(document.querySelector('[data-testid=status]')?.textContent), null, { timeout: 60_000 });
        await page.waitForTimeout(300);
      }
    } else {
      await page.waitForTimeout(300);
    }
    const figures = await page.evaluate(() => {
      const box = (selector) => {
        const element = document.querySelector(selector);
        if (!element) return null;
        const r = element.getBoundingClientRect();
        return `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
      };
      const scroller = document.querySelector('.editor-scroll');
      return {
        run: box('[data-testid=run]'),
        editor: box('.editor-scroll'),
        cut: scroller ? { horizontal: scroller.scrollWidth - scroller.clientWidth, vertical: scroller.scrollHeight - scroller.clientHeight } : null,
        timeline: box('[data-testid=timeline]'),
        counters: box('.region.counters'),
        pageWidth: document.documentElement.scrollWidth,
        pageHeight: document.documentElement.scrollHeight,
      };
    });
    const name = `${route.replace(/[#/]+/g, '-').replace(/^-|-$/g, '') || 'gallery'}-${width}${action ? '-' + action : ''}${scheme === 'dark' ? '-dark' : ''}.png`;
    await page.screenshot({ path: join(out, name) });
    console.log(name, JSON.stringify(figures));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
