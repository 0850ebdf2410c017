import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const server = await serve({ root: '/work/wt-simulated/dist', headers: 'all' });
for (const remove of [false, true, false, true, false, true]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}#/demo/race`);
  await page.waitForFunction(() => !document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 30000 });
  if (remove) await page.evaluate(() => document.querySelector('[data-testid=engine-mode]')?.remove());
  await page.evaluate(() => { window.__scrolls = []; addEventListener('scroll', () => window.__scrolls.push([Math.round(scrollY), document.activeElement?.dataset?.testid, performance.now()|0])); });
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'finished', null, { timeout: 30000 });
  await page.waitForTimeout(200);
  console.log('removed', remove, 'scrollY', await page.evaluate(() => scrollY), JSON.stringify(await page.evaluate(() => window.__scrolls.slice(0, 5))));
  await page.close();
}
await browser.close(); await server.close();
