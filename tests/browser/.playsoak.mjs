import { launchChromium } from '/work/wt-int/tests/browser/chromium.mjs';
import { serve } from '/work/wt-int/tests/browser/serve.mjs';
const minutes = Number(process.argv[3] || 10);
const server = await serve({ root: process.argv[2], isolated: true });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = []; page.on('pageerror', (e) => errors.push(e.message));
await page.goto(`${server.url}#/demo/race`);
await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60000 });
await page.getByTestId('gil-model').selectOption('free');
await page.getByTestId('step-mode').click();
await page.getByTestId('step-granularity').selectOption('slice');
await page.getByTestId('step-play-by').selectOption('scheduler');
await page.getByTestId('step-pace').selectOption('100');
await page.getByTestId('step-play').click();
const t0 = Date.now();
while (Date.now() - t0 < minutes * 60000) {
  await new Promise((r) => setTimeout(r, 30000));
  const s = await page.evaluate(() => ({ steps: document.querySelector('[data-testid=step-status]')?.dataset.steps, status: document.querySelector('[data-testid=status]')?.textContent, note: document.querySelector('[data-testid=step-note]')?.textContent, mem: (performance.memory?.usedJSHeapSize / 1e6).toFixed(1), counter: document.querySelector('[data-testid=counter-value], [data-testid=counter]')?.textContent, playing: document.querySelector('[data-testid=step-play]')?.getAttribute('aria-pressed') }));
  const cdp = await page.context().newCDPSession(page);
  console.log(((Date.now() - t0) / 1000).toFixed(0), 's', JSON.stringify(s));
  await cdp.detach();
}
console.log('errors', errors.length, errors.slice(0, 3));
await browser.close(); await server.close?.();
