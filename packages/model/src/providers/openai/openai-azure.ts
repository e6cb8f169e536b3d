import { ModelError } from '../../errors/model-error.js';
import { createHttpClient } from '../../provider-utils/http-client.js';
import { loadApiKey } from '../../provider-utils/load-api-key.js';
import { readEnvironment, type FetchFunction } from '../../provider-utils/provider-settings.js';
import type { ModelApi } from '../../spec/model-api.js';
import { createOpenAIChatApi } from './openai-chat-api.js';
import { createOpenAIResponsesApi } from './openai-responses-api.js';
import type { OpenAIArgs } from './openai-settings.js';

/** The environment variable the Azure OpenAI key is read from. */
export const azureOpenAIApiKeyEnvVar = 'AZURE_OPENAI_API_KEY';
/** The environment variables the Azure endpoint is read from, first found wins. */
export const azureOpenAIEndpointEnvVars = ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_BASE_URL'] as const;
const defaultApiVersion = '2024-10-21';
// Azure serves the Responses API only from preview API versions.
const defaultResponsesApiVersion = '2025-04-01-preview';

/** `openai/azure/<deployment>`: Azure OpenAI's deployment URLs, `api-key` header and `api-version` query. */
export function createAzureOpenAIApi(options: {
  deployment: string;
  args: OpenAIArgs;
  apiKey?: string;
  baseURL?: string;
  headers?: Record<string, string>;
  fetch?: FetchFunction;
}): ModelApi {
  const apiKey = loadApiKey({
    provider: 'openai/azure',
    envVar: azureOpenAIApiKeyEnvVar,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
  const endpoint = options.baseURL ?? azureOpenAIEndpointEnvVars.map(readEnvironment).find((value) => value !== undefined);
  if (!endpoint) {
    throw new ModelError({
      code: 'missing_base_url',
      message:
        `No endpoint for Azure OpenAI. Set ${azureOpenAIEndpointEnvVars[0]} (e.g. https://my-resource.openai.azure.com) ` +
        'or pass baseURL to getModel().',
    });
  }
  const queryStart = endpoint.indexOf('?');
  const endpointPath = queryStart === -1 ? endpoint : endpoint.slice(0, queryStart);
  const endpointQuery = queryStart === -1 ? '' : endpoint.slice(queryStart);
  const apiVersion =
    options.args.apiVersion ?? readEnvironment('OPENAI_API_VERSION') ?? (options.args.responsesApi ? defaultResponsesApiVersion : defaultApiVersion);
  const client = createHttpClient({
    provider: 'openai/azure',
    // A query string on the endpoint (a gateway's `?key=`) stays at the end, where the client keeps it.
    baseURL: endpointPath.replace(/\/+$/, '').replace(/\/openai$/, '') + '/openai' + endpointQuery,
    headers: { 'api-key': apiKey, ...options.headers },
    secrets: [apiKey],
    apiKeyEnvVar: azureOpenAIApiKeyEnvVar,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const query = `?api-version=${encodeURIComponent(apiVersion)}`;
  const modelName = `azure/${options.deployment}`;
  const stream = options.args.stream ?? options.args.streaming ?? false;
  if (options.args.responsesApi) {
    return createOpenAIResponsesApi({
      provider: 'openai',
      modelName,
      requestModel: options.deployment,
      client,
      path: `/responses${query}`,
      stream,
    });
  }
  return createOpenAIChatApi({
    provider: 'openai',
    modelName,
    requestModel: options.deployment,
    client,
    path: `/deployments/${encodeURIComponent(options.deployment)}/chat/completions${query}`,
    stream,
    developerRole: true,
  });
}
