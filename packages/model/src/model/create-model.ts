import { createRedactor } from '../provider-utils/redact-secrets.js';
import { redactSettings } from '../provider-utils/redact-settings.js';
import { loadProvider } from '../registry/provider-registry.js';
import type { ChatMessage } from '../spec/chat-message.js';
import { mergeGenerateConfig, type GenerateConfig } from '../spec/generate-config.js';
import type { ModelApi } from '../spec/model-api.js';
import type { ModelCallEnd, ModelCallStart } from '../spec/model-call-observer.js';
import type { ModelOutput } from '../spec/model-output.js';
import type { Model, ModelGenerateOptions } from '../spec/model.js';
import { callWithRetries, type CallProgress } from './call-with-retries.js';
import { adaptiveConnectionController, connectionSemaphore } from './connection-semaphore.js';
import { finalizeOutput } from './finalize-output.js';
import { notifyCallEnd, notifyCallStart } from './observe-model-calls.js';

/** Options for {@link createModel}: a model id already split and checked. */
export interface CreateModelOptions {
  provider: string;
  modelName: string;
  config: GenerateConfig;
  args: Record<string, unknown>;
  role?: string;
  apiKey?: string;
  baseURL?: string;
  /** A ready `ModelApi` (from `createAnthropic(...)(name)`, `fromAiSdk(...)`): used as is, the registry is skipped. */
  api?: ModelApi;
}

/** Builds the `Model` for a resolved provider; its `ModelApi` is created on the first `generate`. */
export function createModel(options: CreateModelOptions): Model {
  const name = `${options.provider}/${options.modelName}`;
  let api: ModelApi | undefined = options.api;
  let loading: Promise<ModelApi> | undefined;

  const loadApi = async (): Promise<ModelApi> => {
    loading ??= (async () => {
      const definition = await loadProvider({ name: options.provider, modelId: name });
      return await definition.create({
        modelName: options.modelName,
        config: options.config,
        args: options.args,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
      });
    })();
    try {
      api = await loading;
      return api;
    } catch (error) {
      // A failed load (say a missing API key) is tried again on the next call.
      loading = undefined;
      throw error;
    }
  };

  const generate = async (generateOptions: ModelGenerateOptions): Promise<ModelOutput> => {
    const config = mergeGenerateConfig(options.config, generateOptions.config);
    const messages: ChatMessage[] =
      typeof generateOptions.input === 'string'
        ? [{ role: 'user', content: generateOptions.input }]
        : generateOptions.input;
    const input: ChatMessage[] = config.systemMessage
      ? [{ role: 'system', content: config.systemMessage }, ...messages]
      : messages;
    const tools = generateOptions.tools ?? [];
    const toolChoice = generateOptions.toolChoice ?? (tools.length > 0 ? 'auto' : 'none');
    const role = generateOptions.role ?? options.role;
    const start: ModelCallStart = {
      model: name,
      ...(role === undefined ? {} : { role }),
      input,
      tools,
      toolChoice,
      config,
      startedAt: new Date().toISOString(),
    };
    notifyCallStart(start);

    const startTime = performance.now();
    const progress: CallProgress = { retries: 0, waitingMilliseconds: 0, attemptMilliseconds: 0, retryWaitMilliseconds: 0 };
    let output: ModelOutput;
    let end: ModelCallEnd;
    try {
      const resolvedApi = api ?? (await loadApi());
      // --- response cache (opt-in with `config.cache`; loaded lazily so calls without it never touch the disk) ---
      const cacheEntry = config.cache
        ? (await import('../cache/prepare-cache-entry.js')).prepareCacheEntry({
            model: name,
            baseURL: resolvedApi.baseURL ?? options.baseURL,
            input,
            tools,
            toolChoice,
            config,
          })
        : undefined;
      const cachedOutput = cacheEntry ? await cacheEntry.read() : undefined;
      // --- end response cache ---
      const result = cachedOutput
        ? { output: cachedOutput }
        : await callWithRetries({
            model: name,
            api: resolvedApi,
            request: { input, tools, toolChoice, config },
            ...(generateOptions.signal ? { signal: generateOptions.signal } : {}),
            semaphore: connectionSemaphore({ model: name, baseURL: resolvedApi.baseURL ?? options.baseURL }),
            ...(config.adaptiveConnections
              ? {
                  adaptive: adaptiveConnectionController({
                    model: name,
                    baseURL: resolvedApi.baseURL ?? options.baseURL,
                    settings: config.adaptiveConnections,
                  }),
                }
              : {}),
            progress,
          });
      output = finalizeOutput(result.output, {
        modelName: resolvedApi.modelName || options.modelName,
        time: progress.attemptMilliseconds / 1000,
      });
      end = endEvent({ start, startTime, progress, output });
      if ('call' in result && result.call) end.call = result.call;
      // --- response cache: mark the event ---
      if (cachedOutput) Object.assign(end, { cached: true, cache: 'read' as const });
      else if (cacheEntry && (await cacheEntry.write(output))) end.cache = 'write';
      // --- end response cache ---
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = endEvent({
        start,
        startTime,
        progress,
        output: { model: options.modelName, choices: [], completion: '', error: message },
      });
      failed.error = message;
      try {
        notifyCallEnd(failed);
      } catch {
        // The call's own failure is what the caller needs to see; observers have all seen the event.
      }
      throw error;
    }
    notifyCallEnd(end);
    return output;
  };

  return {
    name,
    ...(options.role === undefined ? {} : { role: options.role }),
    config: options.config,
    // What the log records as model_args: credential-named args, header values and URL credentials become `***`,
    // and the API key given to getModel is removed by value.
    args: redactSettings(options.args, { redactor: createRedactor({ secrets: [options.apiKey] }) }),
    generate,
    load: async () => {
      if (!api) await loadApi();
    },
  };
}

function endEvent(options: {
  start: ModelCallStart;
  startTime: number;
  progress: CallProgress;
  output: ModelOutput;
}): ModelCallEnd {
  const elapsed = performance.now() - options.startTime;
  // Object.assign rather than a spread on the per-call path (architecture/log-sink.md, "A hidden class per object").
  return Object.assign({}, options.start, {
    output: options.output,
    retries: options.progress.retries,
    retryWaitTime: options.progress.retryWaitMilliseconds / 1000,
    cached: false,
    completedAt: new Date().toISOString(),
    workingTime: Math.max(0, elapsed - options.progress.waitingMilliseconds) / 1000,
    waitingTime: (options.progress.waitingMilliseconds + options.progress.retryWaitMilliseconds) / 1000,
  });
}
