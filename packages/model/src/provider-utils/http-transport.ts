import type { FetchFunction } from './provider-settings.js';

/** One HTTP POST as the shared client sends it. */
export interface TransportRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
  /** Destroys the request when no data arrives for a while, and then fails with `error()`. */
  idleTimeout?: IdleTimeout;
}

/** A read timeout: the longest silence allowed while a response is awaited or read. */
export interface IdleTimeout {
  milliseconds: number;
  /** Whether the wait for the response headers counts (a stream's do at once), or only gaps in the body. */
  includeHeaders: boolean;
  /** The error a timed-out request fails with, before or after its headers. */
  error(): Error;
}

/** A response whose body can be read once, as text or as chunks. */
export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  text(): Promise<string>;
  chunks(): AsyncIterable<Uint8Array>;
}

/** Sends requests: over `fetch`, or over `node:http` where it is cheaper. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** A transport over a `fetch` function (the user's own, or the global one outside Node). */
export function fetchTransport(fetchFunction: FetchFunction): Transport {
  return async (request) => {
    const idle = request.idleTimeout ? idleWatch(request.idleTimeout, request.signal) : undefined;
    const signal = idle?.signal ?? request.signal;
    let response: Response;
    try {
      response = await fetchFunction(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      idle?.dispose();
      throw idle?.failure(error) ?? error;
    }
    idle?.touch();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    // Node's web streams are async iterable; the DOM typings do not say so.
    const body = (response.body as unknown as AsyncIterable<Uint8Array> | null) ?? emptyChunks();
    const chunks = idle ? watchedChunks(body, idle) : body;
    return {
      status: response.status,
      headers,
      text: idle ? () => chunksText(chunks) : () => response.text(),
      chunks: () => chunks,
    };
  };
}

interface IdleWatch {
  readonly signal: AbortSignal;
  /** Data arrived: restart the countdown. */
  touch(): void;
  /** The error to throw for `error`: the idle timeout's own when it fired. */
  failure(error: unknown): unknown;
  dispose(): void;
}

// A fetch has no socket timeout of its own: a timer restarted on each chunk aborts it.
function idleWatch(options: IdleTimeout, parent: AbortSignal | undefined): IdleWatch {
  const controller = new AbortController();
  let fired: Error | undefined;
  const onParentAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const fire = (): void => {
    fired = options.error();
    controller.abort(fired);
  };
  let timer: ReturnType<typeof setTimeout> | undefined = options.includeHeaders
    ? setTimeout(fire, options.milliseconds)
    : undefined;
  return {
    signal: controller.signal,
    touch() {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(fire, options.milliseconds);
    },
    failure: (error) => fired ?? error,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

async function* watchedChunks(body: AsyncIterable<Uint8Array>, idle: IdleWatch): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) {
      idle.touch();
      yield chunk;
    }
  } catch (error) {
    throw idle.failure(error);
  } finally {
    idle.dispose();
  }
}

async function chunksText(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

async function* emptyChunks(): AsyncGenerator<Uint8Array> {
  // no body
}
