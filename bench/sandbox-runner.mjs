// The runner's side of sandboxes: what recording an exec costs over the provider's own exec, and 50 samples × 20 execs
// at --max-sandboxes 10, with what is left afterwards. Usage (after `pnpm run build`):
//   node bench/sandbox-runner.mjs [type]        (type: local, the default, or any registered provider)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineSolver, evaluate, resolveSandboxProvider, sandbox, task } from '../packages/core/dist/index.js';

const type = process.argv[2] ?? 'local';
const provider = resolveSandboxProvider(type);
const marker = 'assay-bench-marker';
const command = ['bash', '-c', `: ${marker}`];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const logDir = mkdtempSync(path.join(os.tmpdir(), 'assay-sandbox-bench-'));

async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

// 1 and 2, in turn from the same solver (so load on the machine hits both alike): the provider's exec called
// directly, and the same exec through the runner's recording proxy (recorded as a SandboxEvent).
const hooks = { taskName: 'bench', config: null, runId: 'benchrun0000' };
await provider.taskInit?.(hooks);
const environments = await provider.sampleInit({ ...hooks, metadata: {} });
const direct = [];
const recorded = [];
const alternate = defineSolver({
  name: 'alternate',
  create: () => async (state) => {
    // Whichever runs second in a pair is slower (the first one's process is still being reaped): take turns.
    for (let index = 0; index < 200; index++) {
      const runDirect = async () => direct.push(await timed(() => environments.default.exec(command)));
      const runRecorded = async () => recorded.push(await timed(() => sandbox().exec(command)));
      for (const run of index % 2 === 0 ? [runDirect, runRecorded] : [runRecorded, runDirect]) await run();
    }
    return state;
  },
})();
await evaluate(task({ name: 'recorded', dataset: [{ input: 'x' }], solver: alternate, sandbox: type }), { model: 'mockllm/model', logDir });
await provider.sampleCleanup({ ...hooks, environments, interrupted: false });
const execMany = (count) =>
  defineSolver({
    name: 'exec_many',
    create: () => async (state) => {
      for (let index = 0; index < count; index++) await sandbox().exec(command);
      return state;
    },
  })();

// 3. 50 samples × 20 execs, 10 sandboxes at once.
const before = existsSync(path.join(os.tmpdir(), 'assay-sandbox')) ? readdirSync(path.join(os.tmpdir(), 'assay-sandbox')) : [];
const dataset = Array.from({ length: 50 }, (_, index) => ({ input: `q${index}`, files: { 'data.txt': `sample ${index}` } }));
let log;
const wall = await timed(async () => {
  [log] = await evaluate(task({ name: 'many', dataset, solver: execMany(20), sandbox: type }), {
    model: 'mockllm/model',
    logDir,
    maxSandboxes: 10,
    maxSamples: 10,
  });
});
const after = existsSync(path.join(os.tmpdir(), 'assay-sandbox')) ? readdirSync(path.join(os.tmpdir(), 'assay-sandbox')) : [];
const leftDirectories = after.filter((name) => !before.includes(name)).length;
let leftProcesses = 0;
try {
  leftProcesses = execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim().split('\n').length;
} catch {
  // pgrep exits 1 when nothing matches.
}
rmSync(logDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    type,
    directExecMedianMs: Number(median(direct).toFixed(2)),
    recordedExecMedianMs: Number(median(recorded).toFixed(2)),
    recordingOverheadMedianMs: Number((median(recorded) - median(direct)).toFixed(2)),
    samples50x20: { status: log.status, seconds: Number((wall / 1000).toFixed(2)), leftDirectories, leftProcesses },
  }),
);
