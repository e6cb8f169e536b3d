import { ModelApiError } from '../../errors/model-api-error.js';
import type { HttpClient } from '../../provider-utils/http-client.js';
import type { ModelApi, ModelApiGenerateOptions, ModelApiGenerateResult } from '../../spec/model-api.js';
import { toOpenAIChatRequest } from './openai-chat-request.js';
import { fromOpenAIChatResponse, openAIChatResponseSchema } from './openai-chat-response.js';
import { collectOpenAIChatStream } from './openai-chat-stream.js';

/** Options for {@link createOpenAIChatApi}. */
export interface OpenAIChatApiOptions {
  /** Provider name reported by the ModelApi (`openai`, `groq`, …). */
  provider: string;
  modelName: string;
  /** The model name sent in the request body (an Azure deployment sends its own). */
  requestModel?: string;
  client: HttpClient;
  /** @default "/chat/completions" */
  path?: string;
  stream?: boolean;
  /** @default "max_completion_tokens" */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
  developerRole?: boolean;
  defaultMaxConnections?: number;
}

/** A ModelApi over the Chat Completions API, for OpenAI and every compatible server. */
export function createOpenAIChatApi(options: OpenAIChatApiOptions): ModelApi {
  const { client } = options;
  const path = options.path ?? '/chat/completions';
  return {
    specificationVersion: 'v1',
    provider: options.provider,
    modelName: options.modelName,
    baseURL: client.baseURL,
    ...(options.defaultMaxConnections === undefined ? {} : { defaultMaxConnections: options.defaultMaxConnections }),
    async doGenerate(request: ModelApiGenerateOptions): Promise<ModelApiGenerateResult> {
      const stream = options.stream ?? false;
      const body = toOpenAIChatRequest({
        modelName: options.requestModel ?? options.modelName,
        request,
        stream,
        maxTokensField: options.maxTokensField ?? 'max_completion_tokens',
        developerRole: options.developerRole ?? false,
      });
      const started = performance.now();
      const httpRequest = {
        path,
        body,
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.config.idleTimeout === undefined ? {} : { idleTimeout: request.config.idleTimeout }),
        ...(request.config.extraHeaders ? { headers: request.config.extraHeaders } : {}),
      };
      const raw = stream
        ? await collectOpenAIChatStream({ events: (await client.postSse(httpRequest)).events, provider: options.provider })
        : (await client.postJson(httpRequest)).value;
      const parsed = openAIChatResponseSchema.safeParse(raw);
      if (!parsed.success) {
        throw new ModelApiError({
          code: 'invalid_response',
          message: client.redactor.redact(
            `${options.provider} returned an unexpected response: ${parsed.error.issues[0]?.message ?? ''} in ${JSON.stringify(raw).slice(0, 300)}`,
          ),
        });
      }
      return {
        output: fromOpenAIChatResponse(parsed.data, options.modelName),
        call: {
          request: client.redactor.redactValue(body),
          response: client.redactor.redactValue(raw as Record<string, unknown>),
          time: (performance.now() - started) / 1000,
        },
      };
    },
  };
}
