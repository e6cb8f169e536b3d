import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ModelOutput } from '@assay/model/spec';
import JSON5 from 'json5';
import type { EvalSample } from '../../log/schema/index.js';
import type { Agent } from '../agent.js';
import { evaluate } from '../../runner/evaluate.js';
import type { EvalOptions } from '../../runner/eval-options.js';
import { includes } from '../../scorer/index.js';
import type { Scorer } from '../../scorer/scorer.js';
import type { Solver } from '../../solver/solver.js';
import { scriptedModel, type RecordedCall } from '../../solver/__fixtures__/scripted-model.js';
import { task } from '../../task/task.js';

/** What {@link evalAgent} returns: the logged sample, the raw log file as JSON, and the model's recorded calls. */
export interface AgentEvalResult {
  sample: EvalSample;
  /** The `.json` log as written (snake_case, every field). */
  raw: Record<string, unknown> & { samples: Array<Record<string, unknown>> };
  calls: RecordedCall[];
}

/** Runs one sample through `solver` on `mockllm/model` replaying `outputs`, writing a `.json` log to a temp dir. */
export async function evalAgent(options: {
  outputs: ModelOutput[];
  solver: Solver | Agent | Array<Solver | Agent>;
  input?: string;
  target?: string;
  scorer?: Scorer;
  eval?: Partial<EvalOptions>;
  messageLimit?: number;
}): Promise<AgentEvalResult> {
  const model = scriptedModel(options.outputs);
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-agent-'));
  try {
    const [log] = await evaluate(
      task({
        name: 'agent_task',
        dataset: [{ id: 1, input: options.input ?? 'What is 2 + 3?', target: options.target ?? '5' }],
        solver: options.solver,
        scorer: options.scorer ?? includes(),
        messageLimit: options.messageLimit,
      }),
      { model, logDir, logFormat: 'json', failOnError: false, ...options.eval },
    );
    const raw = JSON5.parse(await readFile(log!.location!, 'utf8')) as AgentEvalResult['raw'];
    const sample = raw.samples[0] as unknown as EvalSample;
    return { sample, raw, calls: model.calls };
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
}

/** The spans of a logged sample as `type:name`, in the order they began. */
export function spanNames(sample: EvalSample): string[] {
  return (sample.events as Array<Record<string, unknown>>)
    .filter((event) => event.event === 'span_begin')
    .map((event) => `${String(event.type)}:${String(event.name)}`);
}
