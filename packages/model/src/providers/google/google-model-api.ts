import { MissingApiKeyError } from '../../errors/missing-api-key-error.js';
import { ModelApiError } from '../../errors/model-api-error.js';
import { createHttpClient, parseModelArgs, readEnvironment } from '../../provider-utils/index.js';
import type { ModelApi, ModelApiGenerateOptions, ModelApiGenerateResult } from '../../spec/model-api.js';
import { accumulateGoogleStream } from './accumulate-google-stream.js';
import { googleResponseSchema, type GoogleResponse } from './google-api-types.js';
import { googleRequestBody } from './google-request.js';
import { withGoogleRetryDelay } from './google-retry-delay.js';
import {
  googleApiKeyEnvVars,
  googleArgsSchema,
  googleBaseUrlEnvVar,
  googleDefaultBaseURL,
  type GoogleModelId,
  type GoogleProviderSettings,
} from './google-settings.js';
import { mapGoogleResponse } from './map-google-response.js';

/** Options for {@link createGoogleModelApi}. */
export interface GoogleModelApiOptions extends GoogleProviderSettings {
  modelName: GoogleModelId;
  /** Model arguments (`streaming`, `safetySettings`); strings from the CLI are coerced. */
  args?: Record<string, unknown>;
}

function loadGoogleApiKey(apiKey: string | undefined): string {
  if (apiKey) return apiKey;
  for (const name of googleApiKeyEnvVars) {
    const value = readEnvironment(name);
    if (value) return value;
  }
  throw new MissingApiKeyError({ provider: 'google', envVar: googleApiKeyEnvVars[0] });
}

/** Creates the `ModelApi` of a Gemini model, calling `generateContent` with `fetch`. */
export function createGoogleModelApi(options: GoogleModelApiOptions): ModelApi {
  const args = parseModelArgs({ provider: 'google', schema: googleArgsSchema, args: options.args });
  const apiKey = loadGoogleApiKey(args.apiKey ?? options.apiKey);
  const client = createHttpClient({
    provider: 'google',
    baseURL: options.baseURL ?? readEnvironment(googleBaseUrlEnvVar) ?? googleDefaultBaseURL,
    headers: { 'x-goog-api-key': apiKey, ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    secrets: [apiKey],
    apiKeyEnvVar: googleApiKeyEnvVars[0],
  });
  const stream = args.streaming ?? false;
  const resource = /^(models|tunedModels)\//.test(options.modelName) ? options.modelName : `models/${options.modelName}`;

  const doGenerate = async (generate: ModelApiGenerateOptions): Promise<ModelApiGenerateResult> => {
    const body = googleRequestBody({ generate, args });
    const request = {
      path: stream ? `/${resource}:streamGenerateContent?alt=sse` : `/${resource}:generateContent`,
      body,
      ...(generate.signal ? { signal: generate.signal } : {}),
      ...(generate.config.idleTimeout === undefined ? {} : { idleTimeout: generate.config.idleTimeout }),
      ...(generate.config.extraHeaders ? { headers: generate.config.extraHeaders } : {}),
    };
    const started = performance.now();
    let response: GoogleResponse;
    let raw: unknown;
    try {
      if (stream) {
        response = await accumulateGoogleStream((await client.postSse(request)).events);
        raw = response;
      } else {
        raw = (await client.postJson(request)).value;
        const parsed = googleResponseSchema.safeParse(raw);
        if (!parsed.success) {
          throw new ModelApiError({
            code: 'invalid_response',
            message: client.redactor.redact(`google returned an unexpected response: ${parsed.error.message}`),
            isRetryable: false,
          });
        }
        response = parsed.data;
      }
    } catch (error) {
      throw withGoogleRetryDelay(error);
    }
    return {
      output: mapGoogleResponse(response, { modelName: options.modelName }),
      call: {
        request: client.redactor.redactValue(body),
        response: client.redactor.redactValue(raw as Record<string, unknown>),
        time: (performance.now() - started) / 1000,
      },
    };
  };

  return { specificationVersion: 'v1', provider: 'google', modelName: options.modelName, baseURL: client.baseURL, doGenerate };
}
