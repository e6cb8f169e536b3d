// Assay logs with errored, limit-hit and cancelled samples open in Inspect's own viewer (../shared/tools/inspect-viewer:
// the published viewer in headless Chromium; it opens each log alone and clicks its first sample).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDir } from './log-fixtures.js';
import { writeTroubledLog } from './troubled-logs.js';

const harness = path.join(sharedDir, 'tools/inspect-viewer/run.sh');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const skipReason = !existsSync(harness) ? `${harness} not found` : !existsSync(chromium) ? `${chromium} not found` : undefined;
const logDir = mkdtempSync(path.join(os.tmpdir(), 'assay-viewer-logs-'));
// A scratch dir of this run's own (the harness installs and bundles the viewer there), so parallel runs do not collide.
const workDir = mkdtempSync(path.join(os.tmpdir(), 'assay-inspect-viewer-harness-'));
afterAll(() => {
  rmSync(logDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(skipReason !== undefined)(
  skipReason === undefined ? "Inspect's viewer on Assay logs" : `Inspect's viewer on Assay logs (skipped: ${skipReason})`,
  () => {
    it('renders cancelled logs whose first sample errored or hit its limit, in both formats', { timeout: 900_000 }, async () => {
      const logs = [];
      for (const format of ['eval', 'json'] as const) {
        for (const first of ['error', 'limit'] as const) logs.push(await writeTroubledLog({ logDir, format, first }));
      }
      expect(logs.map((log) => log.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
      // The port is one nobody else holds.
      const run = spawnSync('bash', [harness], {
        encoding: 'utf8',
        env: { ...process.env, FIXTURES: logDir, STAGES: 'fixtures', STRICT: '1', WORK_DIR: workDir, PORT: String(await freePort()) },
      });
      const report = `${run.stdout}\n${run.stderr}`;
      const fixtures = JSON.parse(readFileSync(path.join(workDir, 'results/fixtures/fixtures.json'), 'utf8')) as unknown;
      expect(report).toContain(`check-fixtures: ${logs.length + 1} passed, 0 failed`);
      expect(run.status, report).toBe(0);
      expect(JSON.stringify(fixtures)).not.toContain('Cannot convert undefined or null to object');
    });
  },
);
