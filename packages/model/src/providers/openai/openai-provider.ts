import { createHttpClient } from '../../provider-utils/http-client.js';
import { loadApiKey } from '../../provider-utils/load-api-key.js';
import { parseModelArgs } from '../../provider-utils/parse-model-args.js';
import { readEnvironment } from '../../provider-utils/provider-settings.js';
import { defineHttpProvider, type ProviderFactory, type ProviderModelOptions } from '../../provider-utils/define-http-provider.js';
import type { ProviderDefinition } from '../../registry/provider-definition.js';
import type { ModelApi } from '../../spec/model-api.js';
import { createAzureOpenAIApi } from './openai-azure.js';
import { createOpenAIChatApi } from './openai-chat-api.js';
import { createOpenAIResponsesApi } from './openai-responses-api.js';
import { openAIArgsSchema, type OpenAIModelId, type OpenAIProviderSettings } from './openai-settings.js';

/** The environment variable the OpenAI key is read from. */
export const openAIApiKeyEnvVar = 'OPENAI_API_KEY';
const defaultBaseURL = 'https://api.openai.com/v1';

/** Models only served by the Responses API. */
function needsResponsesApi(modelName: string): boolean {
  return /(^|\/)(o\d+-pro|gpt-5(\.\d+)?-pro|.*codex.*|computer-use.*)$/.test(modelName);
}

/** Options for {@link createOpenAIApi}. */
export interface CreateOpenAIApiOptions extends OpenAIProviderSettings {
  /** `gpt-4o`, or `azure/<deployment>` for Azure OpenAI. */
  modelName: string;
  /** Provider arguments (`responsesApi`, `stream`, `headers`, `apiVersion`); CLI strings are coerced. */
  args?: Record<string, unknown>;
}

/**
 * Creates the `ModelApi` of one OpenAI model: Chat Completions, or the Responses API with `responsesApi` (and for
 * models only served there), or Azure OpenAI for `azure/<deployment>`.
 */
export function createOpenAIApi(options: CreateOpenAIApiOptions): ModelApi {
  const args = parseModelArgs({ provider: 'openai', schema: openAIArgsSchema, args: options.args });
  const fetch = args.fetch ?? options.fetch;
  const headers = { ...options.headers, ...args.headers };
  const explicitKey = args.apiKey ?? options.apiKey;
  if (options.modelName.startsWith('azure/')) {
    return createAzureOpenAIApi({
      deployment: options.modelName.slice('azure/'.length),
      args,
      headers,
      ...(fetch ? { fetch } : {}),
      ...(explicitKey ? { apiKey: explicitKey } : {}),
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    });
  }
  const apiKey = loadApiKey({ provider: 'openai', envVar: openAIApiKeyEnvVar, ...(explicitKey ? { apiKey: explicitKey } : {}) });
  const client = createHttpClient({
    provider: 'openai',
    baseURL: options.baseURL ?? readEnvironment('OPENAI_BASE_URL') ?? defaultBaseURL,
    headers: {
      Authorization: `Bearer ${apiKey}`,
      'OpenAI-Organization': options.organization ?? readEnvironment('OPENAI_ORG_ID'),
      'OpenAI-Project': options.project ?? readEnvironment('OPENAI_PROJECT_ID'),
      ...headers,
    },
    secrets: [apiKey],
    apiKeyEnvVar: openAIApiKeyEnvVar,
    ...(fetch ? { fetch } : {}),
  });
  const stream = args.stream ?? args.streaming ?? false;
  if (args.responsesApi ?? needsResponsesApi(options.modelName)) {
    return createOpenAIResponsesApi({ provider: 'openai', modelName: options.modelName, client, stream });
  }
  return createOpenAIChatApi({ provider: 'openai', modelName: options.modelName, client, stream, developerRole: true });
}

/** Options of a model made by an {@link OpenAIProvider} (`args` as `-M` on the CLI: `{ responsesApi: true }`). */
export type OpenAIModelOptions = ProviderModelOptions<Record<string, unknown>>;

/** An OpenAI provider with its own settings: call it with a model name to get a `Model`. */
export type OpenAIProvider = ProviderFactory<OpenAIModelId, Record<string, unknown>>;

const openai = defineHttpProvider<OpenAIProviderSettings, OpenAIModelId, Record<string, unknown>>({
  name: 'openai',
  createApi: (options) => createOpenAIApi(options),
});

/**
 * Creates an OpenAI provider with its own settings (`{ apiKey, baseURL, headers, fetch, organization, project }`);
 * its models can be passed as `model` to `evaluate`.
 * @example const openai = createOpenAI({ baseURL: 'https://llm-proxy.example.com/v1' });
 * const model = openai('gpt-4o', { config: { temperature: 0 } });
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  return openai.create(settings);
}

/** The built-in `openai/<model>` provider, configured from the environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`). */
export const openaiProvider: ProviderDefinition = openai.definition;
