import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assay, logPathOf, repoRoot, startAssay, waitFor } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const mcpTask = path.join(repoRoot, 'packages/cli/test/fixtures/mcp-task.ts');
const everything = path.join(repoRoot, 'packages/core/node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const secret = 'mcp-cli-secret-5b7d1e9a3c';

/** Command lines of the processes that contain `marker`. */
function processesWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(marker) && !line.startsWith('ps '));
}

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-mcp-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('assay eval with MCP tools', () => {
  it('runs the server for the task, keeps its env secret out of the log and the terminal, and stops it', () => {
    const marker = `assay-cli-mcp-${process.pid}-run`;
    const result = assay({
      args: ['eval', mcpTask, '--display', 'plain', '--log-format', 'json', '--log-dir', path.join(dir, 'logs')],
      env: { MCP_EVERYTHING: everything, MCP_MARKER: marker, MCP_SECRET: secret, MCP_CALLS: 'get-env {};echo {"message":"hi"}' },
    });
    expect(result.status).toBe(0);
    const log = readFileSync(logPathOf(result.stdout), 'utf8');
    // The server printed its environment: the secret is masked in the tool's result.
    expect(log).toContain('\\"MCP_SECRET_TOKEN\\": \\"***\\"');
    expect(log).toContain('Echo: hi');
    expect(log).not.toContain(secret);
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect(processesWith(marker)).toEqual([]);
  });

  it('stops the server when the run is cancelled with Ctrl-C', async () => {
    const marker = `assay-cli-mcp-${process.pid}-cancel`;
    const { child, done } = startAssay({
      args: ['eval', mcpTask, '--display', 'plain', '--cancel-grace', '0', '--log-dir', path.join(dir, 'logs')],
      env: {
        MCP_EVERYTHING: everything,
        MCP_MARKER: marker,
        MCP_SECRET: secret,
        // A tool call that would run for ten minutes.
        MCP_CALLS: 'trigger-long-running-operation {"duration":600,"steps":600}',
      },
    });
    await waitFor(() => processesWith(marker).length > 0);
    child.kill('SIGINT');
    const result = await done;
    expect(result.stdout + result.stderr).toMatch(/cancel/i);
    expect(processesWith(marker)).toEqual([]);
  });
});
