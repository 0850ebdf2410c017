// Standard-library checks (issue 15, part A): the modules written in Python in
// crates/vm/src/pylib and the Rust deque core work in the page as natively: threads
// on real workers append to one collections.deque and lose nothing, under the modern
// GIL and free-threaded; Counter, itertools and functools answer as CPython does.

const program = [
  'import threading',
  'from collections import deque, Counter, namedtuple',
  'from itertools import islice, count',
  'from functools import lru_cache, reduce',
  'shared = deque()',
  'def fill(tag):',
  '    for i in range(20_000):',
  '        shared.append((tag, i))',
  'threads = [threading.Thread(target=fill, args=(t,)) for t in range(4)]',
  'for t in threads:',
  '    t.start()',
  'for t in threads:',
  '    t.join()',
  'print(len(shared), len(set(shared)))',
  'print(Counter(tag for tag, _ in shared).most_common(1)[0][1])',
  'P = namedtuple("P", "x y")',
  '@lru_cache',
  'def fib(n):',
  '    return n if n < 2 else fib(n - 1) + fib(n - 2)',
  'print(P(1, 2), list(islice(count(3), 3)), reduce(lambda a, b: a + b, [1, 2, 3]), fib(60))',
].join('\n');

const expected = '80000 80000\n20000\nP(x=1, y=2) [3, 4, 5] 6 1548008755920\n';

export async function stdlibChecks({ browser, url, check, expect }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await check('standard library in the page: four threads append 80000 items to one deque, none lost, under modern and free', async () => {
      await page.goto(`${url}#/demo/python`);
      await page.getByTestId('demo-python').waitFor();
      const outputs = {};
      for (const model of ['modern', 'free']) {
        await page.getByTestId('gil-model').selectOption(model);
        await page.getByTestId('editor').fill(program);
        await page.getByTestId('run').click();
        await page.waitForFunction(
          () => ['finished', 'error'].includes(document.querySelector('[data-testid=status]')?.textContent),
          null, { timeout: 60_000 },
        );
        outputs[model] = await page.getByTestId('console').textContent();
      }
      for (const [model, text] of Object.entries(outputs)) {
        expect(text === expected, `${model}: console was:\n${text}`);
      }
      expect(errors.length === 0, errors.join('\n'));
      return `modern and free both printed ${JSON.stringify(expected.split('\n')[0])}`;
    });
  } finally {
    await page.close();
  }
}
