// Dev helper (not part of the suite): screenshots of a few pages after a run.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const [dist, out, ...slugs] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const server = await serve({ root: dist, isolated: true });
for (const spec of slugs) {
  const [slug, width = '1280', edit] = spec.split(':');
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') console.log('console.error', m.text()); });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${server.url}#/demo/${slug}`);
  await page.waitForSelector('[data-testid=run]:not([disabled])', { timeout: 20000 });
  if (edit === 'syntax') {
    const text = await page.getByTestId('editor').inputValue();
    await page.getByTestId('editor').fill(text.replace('def ', 'def  (', 1));
  }
  await page.getByTestId('run').click();
  if (edit === 'mid') await page.waitForTimeout(300);
  else await page.waitForFunction(() => ['finished', 'error', 'deadlock', 'stopped'].includes(document.querySelector('[data-testid=status]').textContent), null, { timeout: 30000 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/${slug}-${width}${edit ? '-' + edit : ''}.png`, fullPage: true });
  await page.locator('.region.code').screenshot({ path: `${out}/${slug}-${width}${edit ? '-' + edit : ''}-code.png` });
  console.log(slug, width, await page.getByTestId('status').textContent());
  await page.close();
}
await browser.close();
await server.close?.();
process.exit(0);
