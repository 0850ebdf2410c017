// Long-run helpers shared by the browser tests (short soaks with stated bounds) and
// scripts/bench-longrun (ten-minute soaks whose figures go to BENCHMARKS.md).
//
// Memory is measured two ways:
// - the browser's proportional set size: Pss summed over every process descended from
//   this node process (shared pages are split between the processes that map them, so
//   the sum is the real footprint; summed RSS would count them once per process);
// - the page's wasm memory (`threadplayMemoryBytes()`), which only ever grows, so a flat
//   reading means the run's heap stayed bounded.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of every process below `root` (this node process by default). */
function descendants(root = process.pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: parse after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.pop()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The browser's memory in MB: Pss summed over its processes. */
export function browserPssMb() {
  let kb = 0;
  for (const pid of descendants()) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {}
  }
  return kb / 1024;
}

/** Peak and current resident size in MB of one process (native runs). */
export function processRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

export const wasmMemoryMb = (page) =>
  page.evaluate(() => (globalThis.threadplayMemoryBytes?.() ?? 0) / 2 ** 20);

export const statusOf = (page) => page.getByTestId('status').textContent();

/** Clicks Stop and times inside the page how long until the status leaves `running`. */
export function stopLatencyMs(page) {
  return page.evaluate(() => new Promise((done) => {
    const clicked = performance.now();
    document.querySelector('[data-testid=stop]').click();
    const look = () => {
      const word = document.querySelector('[data-testid=status]').textContent;
      if (word !== 'running') done({ ms: performance.now() - clicked, status: word });
      else if (performance.now() - clicked > 5000) done({ ms: Infinity, status: word });
      else setTimeout(look, 1);
    };
    look();
  }));
}

/**
 * Collects the timeline's frame draw times (`data-draw-ms`, written after every draw)
 * for `ms` milliseconds inside the page; resolves with their p50, p95 and count.
 */
export function drawTimes(page, ms) {
  return page.evaluate((ms) => new Promise((done) => {
    const canvas = document.querySelector('[data-testid=timeline]');
    const seen = [];
    const observer = new MutationObserver(() => seen.push(Number(canvas.dataset.drawMs)));
    observer.observe(canvas, { attributes: true, attributeFilter: ['data-draw-ms'] });
    setTimeout(() => {
      observer.disconnect();
      const sorted = seen.filter(Number.isFinite).sort((a, b) => a - b);
      const at = (q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
      done({ p50: at(0.5), p95: at(0.95), frames: sorted.length });
    }, ms);
  }), ms);
}

/** The programs the long-run checks leave running (each runs until stopped). */
export const SOAK_PROGRAMS = {
  'endless print': [
    'while True:',
    '    print("spam " * 20)',
  ].join('\n'),
  'lock ping-pong (4 threads)': [
    'import threading',
    'lock = threading.Lock()',
    'counter = 0',
    'def bump():',
    '    global counter',
    '    while True:',
    '        with lock:',
    '            counter += 1',
    'workers = [threading.Thread(target=bump) for _ in range(4)]',
    'for w in workers:',
    '    w.start()',
    'for w in workers:',
    '    w.join()',
  ].join('\n'),
  'daemon heartbeat': null, // the daemon demo with the main thread staying for good
  'sleep churn (32 threads)': [
    'import threading, time',
    'ticks = 0',
    'def churn():',
    '    global ticks',
    '    while True:',
    '        time.sleep(0.001)',
    '        ticks += 1',
    'for _ in range(32):',
    '    threading.Thread(target=churn, daemon=True).start()',
    'while True:',
    '    time.sleep(1)',
  ].join('\n'),
};

/** The daemon demo's program, left running: its main thread stays instead of leaving. */
export function heartbeatProgram(demoSource) {
  return demoSource.replace('time.sleep(1.5)', 'time.sleep(10 ** 6)');
}

/**
 * Runs `program` in the page's sandbox for `seconds`, sampling memory every
 * `sampleSeconds` and the timeline's draw times during the first and the last
 * `drawWindowSeconds` of the run; then stops it. Returns every figure.
 */
export async function soak(page, { program, seconds, sampleSeconds, drawWindowSeconds = 10, log = () => {} }) {
  await page.getByTestId('editor').fill(program);
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent === 'running');
  const started = Date.now();
  const samples = [];
  const sample = async () => {
    const entry = {
      s: Math.round((Date.now() - started) / 1000),
      pssMb: browserPssMb(),
      wasmMb: await wasmMemoryMb(page),
      status: await statusOf(page),
    };
    samples.push(entry);
    log(entry);
  };
  await sample();
  let early = null;
  let late = null;
  for (let next = sampleSeconds; next <= seconds; next += sampleSeconds) {
    const wait = started + next * 1000 - Date.now();
    // The draw-time windows: right after the first minute (or the first sample) and at the end.
    if (!early && next >= Math.min(60, seconds / 2)) {
      early = await drawTimes(page, Math.min(drawWindowSeconds * 1000, Math.max(0, wait)));
    } else if (!late && next >= seconds) {
      late = await drawTimes(page, Math.min(drawWindowSeconds * 1000, Math.max(0, wait)));
    }
    const rest = started + next * 1000 - Date.now();
    if (rest > 0) await page.waitForTimeout(rest);
    await sample();
  }
  const stop = await stopLatencyMs(page);
  return { samples, stop, drawEarly: early, drawLate: late };
}

/** Growth in MB of `key` between the sample nearest `fromS` and the last one. */
export function growthAfter(samples, fromS, key) {
  const start = samples.find((s) => s.s >= fromS) ?? samples[0];
  const end = samples.at(-1);
  return end[key] - start[key];
}
