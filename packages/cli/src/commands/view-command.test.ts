import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureClientBuilt, makeAssayLogs } from '../../../log-viewer/test/viewer-fixtures.js';
import { runCli } from '../run-cli.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'assay-view-cli-'));
  await makeAssayLogs(join(root, 'logs'));
  ensureClientBuilt();
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('assay view bundle writes a static site with the logs and a listing', async () => {
  const lines: string[] = [];
  const code = await runCli({ argv: ['view', 'bundle', '--log-dir', join(root, 'logs'), '--output-dir', join(root, 'site')], write: (line) => lines.push(line) });
  expect(code).toBe(0);
  expect(lines.join('\n')).toMatch(/Wrote the log viewer with 2 log\(s\)/);
  expect(await readFile(join(root, 'site/index.html'), 'utf8')).toContain('<div id="app">');
  const listing = JSON.parse(await readFile(join(root, 'site/logs/listing.json'), 'utf8')) as Record<string, { task: string }>;
  expect(Object.values(listing).map((entry) => entry.task)).toEqual(['viewer_demo', 'viewer_demo']);
});

it('assay view refuses a non-loopback host without a token (exit 2)', async () => {
  const errors: string[] = [];
  const code = await runCli({ argv: ['view', '--log-dir', join(root, 'logs'), '--host', '0.0.0.0', '--port', '0'], writeError: (line) => errors.push(line) });
  expect(code).toBe(2);
  expect(errors.join('\n')).toMatch(/not a loopback address, without a token/);
});

it('assay view refuses a missing log directory (exit 2)', async () => {
  const errors: string[] = [];
  const code = await runCli({ argv: ['view', '--log-dir', join(root, 'nope'), '--port', '0'], writeError: (line) => errors.push(line) });
  expect(code).toBe(2);
  expect(errors.join('\n')).toMatch(/does not exist/);
});

it.each(['short-token', ''])('assay view refuses a --token shorter than 16 characters ("%s", exit 2)', async (token) => {
  const errors: string[] = [];
  const code = await runCli({ argv: ['view', '--log-dir', join(root, 'logs'), '--host', '0.0.0.0', '--port', '0', '--token', token], writeError: (line) => errors.push(line) });
  expect(code).toBe(2);
  expect(errors.join('\n')).toContain(`The viewer token must be at least 16 characters (this one has ${token.length})`);
});
