// Shared helpers of the HTTP providers; providers import from here.
export { loadApiKey, type LoadApiKeyOptions } from './load-api-key.js';
export { parseModelArgs, type ParseModelArgsOptions } from './parse-model-args.js';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequestOptions,
  type HttpJsonResponse,
  type HttpSseResponse,
} from './http-client.js';
export {
  apiErrorFromResponse,
  connectionError,
  parseErrorBody,
  type ApiErrorCode,
  type ApiErrorFromResponseOptions,
  type ProviderErrorDetails,
} from './api-error-from-response.js';
export { parseRetryAfter, parseDurationSeconds } from './parse-retry-after.js';
export { parseSseStream, type SseEvent } from './parse-sse-stream.js';
export { createRedactor, redactedMarker, type Redactor } from './redact-secrets.js';
export { redactUrl, urlSecrets } from './redact-url.js';
export { redactSettings, settingsSecrets } from './redact-settings.js';
export { isCredentialName, isNonSecretHeader, isNonSecretQueryParameter } from './secret-names.js';
export {
  splitBaseURL,
  joinRequestURL,
  readEnvironment,
  type FetchFunction,
  type ProviderSettings,
  type SplitBaseURL,
} from './provider-settings.js';
