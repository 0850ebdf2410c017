import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const server = await serve({ root: '/work/wt-simulated/dist', headers: 'none' });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(`${server.url}#/demo/python`);
await page.waitForFunction(() => !document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 20000 });
if (process.argv[4] === 'stop') {
await page.getByTestId('editor').fill('n = 0\nwhile True:\n    n += 1\n');
await page.getByTestId('run').click();
await page.waitForTimeout(1000);
await page.getByTestId('stop').click();
await page.waitForTimeout(200);
}
await page.goto(`${server.url}#/demo/race`);
await page.waitForFunction(() => !document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 20000 });
await page.getByTestId('gil-model').selectOption(process.argv[2] ?? 'free');
await page.getByTestId('param-rounds').fill(process.argv[3] ?? '1000000');
await page.getByTestId('param-rounds').dispatchEvent('change');
await page.getByTestId('run').click();
for (let i = 0; i < 60; i++) {
  await page.waitForTimeout(500);
  const attrs = await page.evaluate(() => { const t = document.querySelector('[data-testid=timeline]'); return Object.fromEntries([...t.attributes].filter(a => a.name.startsWith('data-')).map(a => [a.name, a.value])); });
  const st = await page.getByTestId('status').textContent(); console.log(await page.getByTestId('watch-expected').textContent(), await page.getByTestId('elapsed').textContent());
  console.log(st, JSON.stringify(attrs));
  if (st !== 'running') break;
}
await browser.close(); await server.close();
