import { ModelError } from '../../errors/model-error.js';
import { createHttpClient } from '../../provider-utils/http-client.js';
import { loadApiKey } from '../../provider-utils/load-api-key.js';
import { parseModelArgs } from '../../provider-utils/parse-model-args.js';
import { readEnvironment, type ProviderSettings } from '../../provider-utils/provider-settings.js';
import type { ProviderCreateOptions, ProviderDefinition } from '../../registry/provider-definition.js';
import type { ModelApi } from '../../spec/model-api.js';
import { createOpenAIChatApi } from '../openai/openai-chat-api.js';
import { openAIArgsSchema } from '../openai/openai-settings.js';

/** Options for {@link createOpenAICompatible}: what sets one OpenAI-compatible service apart. */
export interface OpenAICompatibleOptions extends ProviderSettings {
  /** The provider name, the prefix of its model ids (`groq`). */
  name: string;
  /** The environment variable the key is read from (`GROQ_API_KEY`). */
  apiKeyEnvVar: string;
  /** Local servers (ollama, vllm, …) run without a key. @default true */
  apiKeyRequired?: boolean;
  /** The environment variable that overrides the base URL (`GROQ_BASE_URL`). */
  baseURLEnvVar?: string;
  /** The name of the max-tokens field the service reads. @default "max_tokens" */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Connection limit when the user sets none. */
  defaultMaxConnections?: number;
}

/** Creates the `ModelApi` of one OpenAI-compatible service for one model. */
export function createOpenAICompatibleApi(options: OpenAICompatibleOptions & { create: ProviderCreateOptions }): ModelApi {
  const { create } = options;
  const args = parseModelArgs({ provider: options.name, schema: openAIArgsSchema, args: create.args });
  const explicitKey = args.apiKey ?? create.apiKey ?? options.apiKey;
  const apiKey =
    options.apiKeyRequired === false
      ? explicitKey ?? readEnvironment(options.apiKeyEnvVar)
      : loadApiKey({ provider: options.name, envVar: options.apiKeyEnvVar, ...(explicitKey ? { apiKey: explicitKey } : {}) });
  const baseURL =
    create.baseURL ?? (options.baseURLEnvVar ? readEnvironment(options.baseURLEnvVar) : undefined) ?? options.baseURL;
  if (!baseURL) {
    throw new ModelError({
      code: 'missing_base_url',
      message:
        `No base URL for model provider "${options.name}". ` +
        (options.baseURLEnvVar ? `Set the ${options.baseURLEnvVar} environment variable or pass baseURL to getModel().` : 'Pass baseURL to getModel().'),
    });
  }
  const fetch = args.fetch ?? options.fetch;
  const client = createHttpClient({
    provider: options.name,
    baseURL,
    headers: { ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}), ...options.headers, ...args.headers },
    secrets: [apiKey],
    apiKeyEnvVar: options.apiKeyEnvVar,
    ...(fetch ? { fetch } : {}),
  });
  return createOpenAIChatApi({
    provider: options.name,
    modelName: create.modelName,
    client,
    stream: args.stream ?? args.streaming ?? false,
    maxTokensField: options.maxTokensField ?? 'max_tokens',
    ...(options.defaultMaxConnections === undefined ? {} : { defaultMaxConnections: options.defaultMaxConnections }),
  });
}

/**
 * Defines a provider for an OpenAI-compatible Chat Completions service: a name, the key's environment variable
 * and a base URL are enough.
 * @example registerProvider(createOpenAICompatible({ name: 'acme', apiKeyEnvVar: 'ACME_API_KEY', baseURL: 'https://api.acme.ai/v1' }));
 */
export function createOpenAICompatible(options: OpenAICompatibleOptions): ProviderDefinition {
  return {
    name: options.name,
    create: (create) => createOpenAICompatibleApi({ ...options, create }),
  };
}
