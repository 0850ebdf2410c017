import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [headers, sched] of [['none', null], ['all', 'virtual'], ['all', null]]) {
  const server = await serve({ root: '/work/wt-simulated/dist', headers });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await page.goto(`${server.url}#/demo/${process.argv[2] ?? 'race'}`);
  await page.waitForFunction(() => !document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 20000 });
  if (sched) await page.getByTestId('scheduler').selectOption(sched);
  await page.getByTestId('run').click();
  await page.waitForFunction(() => ['finished','deadlock'].includes(document.querySelector('[data-testid=status]')?.textContent), null, { timeout: 60000 });
  await page.waitForTimeout(300);
  const g = await page.evaluate(() => { const r = (s) => document.querySelector(s)?.getBoundingClientRect(); return { timeline: r('.region.timeline'), counters: r('.region.counters'), note: r('[data-testid=engine-note]'), head: r('.demo-head') }; });
  console.log(headers, sched, 'timeline', g.timeline.top, g.timeline.bottom, 'counters', g.counters.top, g.counters.bottom, 'head', g.head.bottom);
  await page.screenshot({ path: `/tmp/geo-${headers}-${sched}.png` });
  await page.close(); await server.close();
}
await browser.close();
