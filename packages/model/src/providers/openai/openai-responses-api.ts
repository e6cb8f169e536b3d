import { ModelApiError } from '../../errors/model-api-error.js';
import type { HttpClient } from '../../provider-utils/http-client.js';
import type { SseEvent } from '../../provider-utils/parse-sse-stream.js';
import { parseErrorBody } from '../../provider-utils/api-error-from-response.js';
import type { ModelApi, ModelApiGenerateOptions, ModelApiGenerateResult } from '../../spec/model-api.js';
import { toOpenAIResponsesRequest } from './openai-responses-request.js';
import { fromOpenAIResponsesResponse, openAIResponsesResponseSchema } from './openai-responses-response.js';

/** Reads a Responses stream to its final `response.completed` (or `response.incomplete`) event. */
async function collectResponsesStream(events: AsyncIterable<SseEvent>, provider: string): Promise<unknown> {
  let completed: unknown;
  for await (const event of events) {
    // Read on to the end of the body after the final event, so the connection can be reused.
    if (completed !== undefined || event.data === '[DONE]') continue;
    let data: { type?: string; response?: unknown };
    try {
      data = JSON.parse(event.data) as { type?: string; response?: unknown };
    } catch {
      throw new ModelApiError({ code: 'invalid_response', message: `${provider} sent a stream event that is not JSON.`, isRetryable: true });
    }
    const type = data.type ?? event.event;
    if (type === 'response.completed' || type === 'response.incomplete') {
      completed = data.response;
      continue;
    }
    if (type === 'response.failed' || type === 'error') {
      const details = parseErrorBody(JSON.stringify((data.response as { error?: unknown } | undefined) ?? data));
      throw new ModelApiError({
        code: 'server_error',
        message: `${provider} stream failed: ${details.message ?? 'unknown error'}`,
        isRetryable: true,
      });
    }
  }
  if (completed !== undefined) return completed;
  throw new ModelApiError({ code: 'invalid_response', message: `${provider} stream ended before the response completed.`, isRetryable: true });
}

/** A ModelApi over OpenAI's Responses API (`-M responses_api=true`). */
export function createOpenAIResponsesApi(options: {
  provider: string;
  modelName: string;
  requestModel?: string;
  client: HttpClient;
  /** @default "/responses" */
  path?: string;
  stream?: boolean;
}): ModelApi {
  const { client } = options;
  return {
    specificationVersion: 'v1',
    provider: options.provider,
    modelName: options.modelName,
    baseURL: client.baseURL,
    async doGenerate(request: ModelApiGenerateOptions): Promise<ModelApiGenerateResult> {
      const stream = options.stream ?? false;
      const body = toOpenAIResponsesRequest({ modelName: options.requestModel ?? options.modelName, request, stream });
      const started = performance.now();
      const httpRequest = {
        path: options.path ?? '/responses',
        body,
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.config.idleTimeout === undefined ? {} : { idleTimeout: request.config.idleTimeout }),
        ...(request.config.extraHeaders ? { headers: request.config.extraHeaders } : {}),
      };
      const raw = stream
        ? await collectResponsesStream((await client.postSse(httpRequest)).events, options.provider)
        : (await client.postJson(httpRequest)).value;
      const parsed = openAIResponsesResponseSchema.safeParse(raw);
      if (!parsed.success) {
        throw new ModelApiError({
          code: 'invalid_response',
          message: client.redactor.redact(`${options.provider} returned an unexpected response: ${JSON.stringify(raw).slice(0, 300)}`),
        });
      }
      return {
        output: fromOpenAIResponsesResponse(parsed.data, options.modelName),
        call: {
          request: client.redactor.redactValue(body),
          response: client.redactor.redactValue(raw as Record<string, unknown>),
          time: (performance.now() - started) / 1000,
        },
      };
    },
  };
}
