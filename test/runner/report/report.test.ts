import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {chromium, type Page} from 'playwright-core';
import {runCli} from '../../helpers/run-cli.js';
import {recordSampleRuns} from '../metrics/record-sample-runs.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is absent (apt-get install chromium; .ci/run does)`;

let workspace = '';

before(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'pipeline-report-'));
  await recordSampleRuns(workspace);
});

after(async () => {
  await rm(workspace, {recursive: true, force: true});
});

test('report writes one html file with every section', async () => {
  const out = join(workspace, 'report.html');
  const result = await runCli(
    ['report', 'latest', '--against', 'run-a', '--out', out],
    workspace,
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.startsWith(`wrote ${out} (`), true);
  const html = await readFile(out, 'utf8');
  for (const title of [
    'Parameters',
    'Stage graph',
    'Stages',
    'Metrics',
    'Training curves',
    'Figures',
    'Comparison',
  ]) {
    assert.match(html, new RegExp(`<h2>${title}</h2>`));
  }
  assert.doesNotMatch(html, /(src|href)="https?:/);
});

/** What the browser saw: problems, and the size of every picture. */
async function inspect(page: Page) {
  return page.evaluate(() => ({
    images: Array.from(document.images).map((img) => [
      img.alt,
      img.naturalWidth,
    ]),
    svgs: Array.from(document.querySelectorAll('main svg')).map((svg) => {
      const box = svg.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }),
    iframes: document.querySelectorAll('iframe').length,
  }));
}

test(
  'the report renders in chromium without errors or network',
  {skip},
  async () => {
    const out = join(workspace, 'browser.html');
    await runCli(
      ['report', 'run-b', '--against', 'run-a', '-o', out],
      workspace,
    );
    const profile = await mkdtemp(join(tmpdir(), 'pipeline-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        const url = request.url();
        if (!/^(data|file|about):/.test(url)) problems.push(`fetched ${url}`);
      });
      await page.goto(pathToFileURL(out).href, {waitUntil: 'load'});
      const seen = await inspect(page);
      assert.deepEqual(seen.images, [
        ['Accuracy by class', 120],
        ['Sample faces', 16],
      ]);
      assert.equal(seen.svgs.length, 2); // the DAG and one training curve
      assert.ok(seen.svgs.every(Boolean), 'an inline svg has no size');
      assert.equal(seen.iframes, 1);
      const view = page.frames().find((frame) => frame !== page.mainFrame());
      assert.ok(view, 'the interactive view has no frame');
      await view.waitForSelector('body[data-drawn="yes"]');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await rm(profile, {recursive: true, force: true});
    }
  },
);
