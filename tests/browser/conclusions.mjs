// Every demo that declares conclusions (`conclusion:` lines in its .demo file, read by
// the CLI's `threadplay demos`) concludes what happened in the page too: each run under
// each GIL model on both schedulers, with the program as it opens and with each set of
// control settings its conditions name, prints exactly one line per question, and the
// required one where the .demo requires one (the native twin is
// crates/engine/tests/verdicts.rs). The gil demo runs with 2,000,000 rounds, as the
// native test does; tests/browser/verdicts.mjs checks its default on cold page loads.

const MODELS = ['legacy', 'modern', 'free'];
const SCHEDULERS = ['threads', 'virtual'];
/** Controls set for speed only: they change no condition (the conditions name none). */
const QUICKER = { gil: [['ROUNDS', '2_000_000']] };

const waitStatus = (page, word, timeout) => page.waitForFunction(
  (word) => document.querySelector('[data-testid=status]')?.textContent === word, word, { timeout },
);

async function openDemo(page, url, slug) {
  await page.goto(`${url}#/demo/${slug}`);
  await page.getByTestId(`demo-${slug}`).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
}

/** Sets one control the way a learner does, then checks the program text says so. */
async function setControl(page, name, value) {
  const control = page.getByTestId(`param-${name.toLowerCase()}`);
  if (value === 'True' || value === 'False') {
    await control.setChecked(value === 'True');
  } else {
    await control.fill(value.replaceAll('_', ''));
    await control.dispatchEvent('change');
  }
  const program = await page.getByTestId('editor').inputValue();
  const line = program.split('\n').find((text) => text.startsWith(`${name} =`)) ?? '';
  const written = line.split('=')[1]?.split('#')[0].trim().replaceAll('_', '');
  const wanted = value.replaceAll('_', '');
  const same = written === wanted || Number(written) === Number(wanted);
  if (!same) throw new Error(`the ${name} control wrote ${JSON.stringify(line)}, not ${value}`);
}

export async function conclusionsChecks({ browser, url, check, expect, demos }) {
  const concluding = demos.filter((demo) => demo.conclusions);
  for (const slug of ['gil', 'quiz', 'many-threads', 'asyncio', 'long-lock']) {
    await check(`conclusions: ${slug} declares them`, async () => {
      expect(concluding.some((demo) => demo.slug === slug), `${slug}.demo has no conclusion lines`);
    });
  }
  for (const demo of concluding) {
    await check(`conclusions: ${demo.slug} concludes what happened under each model on both schedulers`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const seen = [];
      try {
        for (const run of demo.conclusions.runs) {
          for (const scheduler of SCHEDULERS) {
            for (const model of MODELS) {
              await openDemo(page, url, demo.slug);
              // The same route keeps the page (and the last run's settings): start over.
              await page.getByTestId('reset').click();
              await page.getByTestId('gil-model').selectOption(model);
              await page.getByTestId('scheduler').selectOption(scheduler);
              for (const [name, value] of [...(QUICKER[demo.slug] ?? []), ...run.settings]) {
                await setControl(page, name, value);
              }
              await page.getByTestId('run').click();
              await waitStatus(page, 'finished', 120_000);
              const lines = (await page.getByTestId('console').textContent()).split('\n').map((line) => line.trimEnd());
              const settings = run.settings.map(([name, value]) => `${name}=${value}`).join(' ');
              const where = `${demo.slug}${settings ? ` (${settings})` : ''}, ${model} on ${scheduler}`;
              const shown = [];
              for (const [question, answers] of Object.entries(demo.conclusions.questions)) {
                const printed = lines.filter((line) => answers.includes(line));
                expect(printed.length === 1, `${where}: ${printed.length} conclusions on ${question}: ${JSON.stringify(lines)}`);
                const required = run.required[`${model}/${scheduler}`]?.[question];
                expect(!required || printed[0] === required,
                  `${where}: concluded ${JSON.stringify(printed[0])}, not ${JSON.stringify(required)}: ${JSON.stringify(lines)}`);
                shown.push(printed[0]);
              }
              // The figure line before the verdict, for the report.
              const figures = lines.filter((line) => /^\s+\S/.test(line)).map((line) => line.trim()).join('; ');
              seen.push(`${where}: ${shown.join(' / ')}${figures ? ` [${figures}]` : ''}`);
              console.log(`    ${seen.at(-1)}`);
            }
          }
        }
        expect(errors.length === 0, errors.join('\n'));
      } finally {
        await page.close();
      }
      return `${seen.length} runs`;
    });
  }
}
