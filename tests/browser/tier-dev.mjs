import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const server = await serve({ root: '/work/main/dist', isolated: true });
const page = await browser.newPage();
await page.goto(`${server.url}#/demo/gil`);
await page.waitForSelector('[data-testid=run]:not([disabled])', { timeout: 20000 });
await page.waitForTimeout(Number(process.argv[2] ?? 0));
for (let i = 0; i < 3; i++) {
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'finished', null, { timeout: 60000 });
  const text = await page.getByTestId('console').textContent();
  console.log(i, text.replace(/\n/g, ' | '));
}
await browser.close(); await server.close(); process.exit(0);
