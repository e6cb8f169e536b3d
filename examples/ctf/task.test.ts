import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { evaluate, getModel, readEvalLog, type Task } from '@assay/core';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedCtfPlayer } from './scripted-model.js';
import { ctf, ctfDocker } from './task.js';

const logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-ctf-'));
afterAll(() => rm(logDir, { recursive: true, force: true }));

// In CI (.ci/run installs bubblewrap and Docker and builds the image) these run; elsewhere a missing part skips them
// with the reason shown.
function bwrapMissing(): string | undefined {
  if (process.env.CI) return undefined;
  if (!existsSync('/usr/bin/bwrap')) return 'bwrap is not installed (apt-get install bubblewrap)';
  if (process.getuid?.() !== 0) return 'the bwrap sandbox needs root';
  return undefined;
}

function dockerMissing(): string | undefined {
  if (process.env.CI) return undefined;
  try {
    execFileSync('docker', ['image', 'inspect', 'assay-test-debian:bookworm'], { stdio: 'ignore', timeout: 20_000 });
    return undefined;
  } catch {
    return 'Docker or the image assay-test-debian:bookworm is missing (see scripts/docker-test-image.sh)';
  }
}

async function runScripted(challenge: Task) {
  const model = getModel('mockllm/model', { args: { customOutputs: scriptedCtfPlayer } });
  const [log] = await evaluate(challenge, { model, logDir });
  return readEvalLog({ path: log!.location! });
}

const variants = [
  { name: 'bwrap', task: ctf, missing: bwrapMissing() },
  { name: 'docker', task: ctfDocker, missing: dockerMissing() },
];

for (const variant of variants) {
  describe.skipIf(variant.missing !== undefined)(
    `the ctf example in ${variant.name}${variant.missing ? ` (skipped: ${variant.missing})` : ''}`,
    () => {
      it('scores exactly 0.8 on the scripted player, with flags read from the sandbox', async () => {
        const log = await runScripted(variant.task);
        expect(log.status).toBe('success');
        expect(log.eval.sandbox?.type).toBe(variant.name);
        expect(log.results?.scores[0]?.metrics.accuracy?.value).toBe(0.8);
        const byId = Object.fromEntries(log.samples!.map((sample) => [sample.id, sample]));
        for (const id of ['hidden-file', 'xor-decode', 'lookup-service', 'locked-vault']) {
          expect(byId[id]?.scores?.includes?.value).toBe('C');
        }
        expect(byId['two-flags']?.scores?.includes?.value).toBe('I');
        // The injected request reached the service started by setup, and its answer carried the flag.
        const lookup = byId['lookup-service']!;
        const toolOutputs = lookup.messages.filter((message) => message.role === 'tool').map((message) => JSON.stringify(message.content));
        expect(toolOutputs.some((text) => text.includes('FLAG{never_trust_user_input_51c9}'))).toBe(true);
        // Every command the agent ran is a sandbox event in the transcript.
        const execs = lookup.events.filter((event) => event.event === 'sandbox' && event.action === 'exec');
        expect(execs.length).toBeGreaterThanOrEqual(3);
      });
    },
  );
}
