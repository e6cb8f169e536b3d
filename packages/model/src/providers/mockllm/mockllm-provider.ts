import { ModelError } from '../../errors/model-error.js';
import { abortableSleep } from '../../model/abort-helpers.js';
import { parseModelArgs } from '../../provider-utils/parse-model-args.js';
import { modelOutputFromContent } from '../../output/model-output-from-content.js';
import type { ProviderCreateOptions, ProviderDefinition } from '../../registry/provider-definition.js';
import { messageText } from '../../spec/chat-message.js';
import type { ModelApi, ModelApiGenerateOptions } from '../../spec/model-api.js';
import { modelOutputSchema, type ModelOutput, type ModelUsage } from '../../spec/model-output.js';
import { mockLlmArgsSchema } from './mockllm-args.js';

/** The text mockllm answers with when given no custom outputs (Inspect's). */
export const mockLlmDefaultOutput = 'Default output from mockllm/model';

/** Connections allowed to the in-process mock: high, since a call costs no network. */
const mockLlmMaxConnections = 1000;

/** Tokens mockllm reports for some text: a quarter of its characters, rounded up, at least 1. */
export function mockLlmTokenCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function defaultUsage(input: ModelApiGenerateOptions['input'], output: ModelOutput): ModelUsage {
  let inputCharacters = '';
  for (const message of input) inputCharacters += messageText(message);
  const inputTokens = mockLlmTokenCount(inputCharacters);
  const outputTokens = mockLlmTokenCount(output.completion ?? '');
  return { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
}

function checkedOutput(value: unknown, position: string): ModelOutput {
  const parsed = modelOutputSchema.safeParse(value);
  if (!parsed.success) {
    throw new ModelError({
      code: 'mockllm_invalid_output',
      message: `mockllm customOutputs ${position} is not a ModelOutput: ${parsed.error.message}`,
    });
  }
  return parsed.data;
}

/** Creates the `mockllm` ModelApi: default output, or `customOutputs` in order, with deterministic usage. */
export function createMockLlm(options: ProviderCreateOptions): ModelApi {
  const args = parseModelArgs({ provider: 'mockllm', schema: mockLlmArgsSchema, args: options.args });
  const { customOutputs, latency } = args;
  const defaultText = args.defaultOutput ?? mockLlmDefaultOutput;
  const iterator =
    customOutputs !== undefined && typeof customOutputs !== 'function'
      ? customOutputs[Symbol.iterator]()
      : undefined;
  let consumed = 0;

  const nextOutput = async (request: ModelApiGenerateOptions): Promise<ModelOutput> => {
    if (typeof customOutputs === 'function') {
      return checkedOutput(await customOutputs(request), 'function result');
    }
    if (iterator) {
      const next = iterator.next();
      if (next.done) {
        throw new ModelError({
          code: 'mockllm_outputs_exhausted',
          message:
            `mockllm customOutputs ran out of values after ${consumed} output(s). ` +
            'Provide one output per generate call, or a function to produce them.',
        });
      }
      consumed++;
      return checkedOutput(next.value, `item ${consumed}`);
    }
    return modelOutputFromContent({ model: options.modelName, content: defaultText });
  };

  return {
    specificationVersion: 'v1',
    provider: 'mockllm',
    modelName: options.modelName,
    defaultMaxConnections: mockLlmMaxConnections,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    async doGenerate(request) {
      // Timers only when latency is asked for: the eval benchmark runs thousands of calls a second.
      if (latency) await abortableSleep(latency, request.signal);
      const output = await nextOutput(request);
      if (output.usage == null) output.usage = args.usage ?? defaultUsage(request.input, output);
      return { output };
    },
  };
}

/** The `mockllm` provider: `mockllm/model` (any model name works) answers without any network. */
export const mockllmProvider: ProviderDefinition = {
  name: 'mockllm',
  create: createMockLlm,
};
