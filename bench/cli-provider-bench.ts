// Issue 15's whole-process target: `assay eval` of N samples (default 2,000) against a local OpenAI-compatible server
// answering after 50 ms, 50 connections, timed as the whole process a user runs (start-up, task loading, the run, the
// end of the run), next to a bare fetch loop making the same calls, also as a whole process. Runs alternate (bare,
// assay, bare, assay, …) so that both see the same load; prints each run and the medians as JSON lines.
// Usage: cli-provider-bench.ts [samples] [rounds]   (after `pnpm run build`; the CLI runs from packages/cli/dist)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const samples = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 5);
const connections = 50;
const latency = 50;
const bin = path.join(root, 'packages/cli/dist/bin.js');

/**
 * The bare fetch loop as one plain-node script, bundled with esbuild (tsx's own copy, when the workspace has none at
 * its root), so that its process pays for no TypeScript loader.
 */
function bareCommand(): string[] {
  const source = path.join(here, 'providers-bare.ts');
  const outDir = path.join(root, '.bench/providers');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'providers-bare.mjs');
  const require = createRequire(import.meta.url);
  const fromTsx = createRequire(require.resolve('tsx'));
  const esbuild = fromTsx('esbuild') as { buildSync: (options: Record<string, unknown>) => unknown };
  esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  return [outfile];
}

function timed(args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}`);
  return Number(seconds.toFixed(3));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-provider-bench-'));
// A TypeScript task file, as users write them, beside this script so that it imports @assay/core from the workspace.
// The same prompts as the bare loop; includes('42') scores the mock's answers.
const taskFile = path.join(here, '.cli-provider-bench-task.ts');
writeFileSync(
  taskFile,
  `import { generate, includes, task } from '@assay/core';\n` +
    `export const cliProviderBench = task({\n` +
    `  name: 'cli_provider_bench',\n` +
    `  dataset: Array.from({ length: ${samples} }, (_, index) => ({ input: \`Question \${index}: what is the answer?\`, target: '42' })),\n` +
    `  solver: generate(),\n` +
    `  scorer: includes(),\n` +
    `});\n`,
);

const server = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'providers-mock-server.ts'), String(latency)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const port = await new Promise<string>((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
  const baseURL = `http://127.0.0.1:${port}/v1`;
  const bare = [...bareCommand(), baseURL, String(samples), String(connections)];
  const assay = [
    bin,
    'eval',
    taskFile,
    '--model',
    'openai/gpt-4o-mini',
    '--max-connections',
    String(connections),
    '--max-samples',
    String(connections),
    '--display',
    'none',
    '--log-dir',
    path.join(work, 'logs'),
  ];
  const env = { ...process.env, OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: baseURL };
  // One of each first, to warm the file-system cache (a user's second run is the common one).
  timed(bare);
  timed(assay, env);
  const runs = { bare: [] as number[], assay: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    runs.bare.push(timed(bare));
    runs.assay.push(timed(assay, env));
    console.log(JSON.stringify({ round, bareSeconds: runs.bare.at(-1), assaySeconds: runs.assay.at(-1) }));
  }
  const ideal = (Math.ceil(samples / connections) * latency) / 1000;
  console.log(
    JSON.stringify({
      samples,
      connections,
      idealSeconds: ideal,
      bareMedian: median(runs.bare),
      assayMedian: median(runs.assay),
      ratio: Number((median(runs.assay) / median(runs.bare)).toFixed(2)),
      ratios: runs.assay.map((seconds, index) => Number((seconds / runs.bare[index]!).toFixed(2))),
    }),
  );
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
  rmSync(taskFile, { force: true });
}
