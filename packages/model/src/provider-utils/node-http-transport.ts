import type { ClientRequest, Agent as HttpAgent, IncomingMessage, RequestOptions } from 'node:http';
import type { Transport, TransportResponse } from './http-transport.js';

interface NodeHttp {
  request: (options: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest;
  agent: HttpAgent;
}

let httpClient: Promise<NodeHttp> | undefined;
let httpsClient: Promise<NodeHttp> | undefined;

// Loaded on first use (https only for an https URL: TLS costs memory), so that importing @assay/model stays free of
// Node built-ins until a provider calls out. Keep-alive with no socket cap: the connection limit is
// Model.generate's; idle sockets are unref'd by Node, so they never keep the process alive after an eval.
function loadClient(secure: boolean): Promise<NodeHttp> {
  if (secure) {
    httpsClient ??= import('node:https').then((https) => ({
      request: https.request,
      agent: new https.Agent({ keepAlive: true, maxSockets: Infinity }),
    }));
    return httpsClient;
  }
  httpClient ??= import('node:http').then((http) => ({
    request: http.request,
    agent: new http.Agent({ keepAlive: true, maxSockets: Infinity }),
  }));
  return httpClient;
}

// A client posts to a handful of URLs: parse each once.
const parsedUrls = new Map<string, URL>();
function parsedUrl(text: string): URL {
  let url = parsedUrls.get(text);
  if (!url) {
    url = new URL(text);
    if (parsedUrls.size > 1000) parsedUrls.clear();
    parsedUrls.set(text, url);
  }
  return url;
}

function flatHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * A transport over `node:http(s)` with keep-alive: about a third of the CPU of Node's `fetch` per call, which
 * matters at hundreds of calls a second. Aborting the signal destroys the request and its socket; so does an idle
 * timeout, through the socket's own inactivity timer (no timer of ours per call).
 */
export const nodeHttpTransport: Transport = async (request) => {
  const url = parsedUrl(request.url);
  const client = await loadClient(url.protocol === 'https:');
  const { signal, idleTimeout } = request;
  if (signal?.aborted) throw signal.reason;
  return await new Promise<TransportResponse>((resolve, reject) => {
    let timedOut: Error | undefined;
    const outgoing = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        path: url.pathname + url.search,
        method: 'POST',
        agent: client.agent,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      },
      (response) => {
        const done = (): void => signal?.removeEventListener('abort', onAbort);
        response.once('end', done);
        response.once('close', done);
        if (idleTimeout && !idleTimeout.includeHeaders) outgoing.setTimeout(idleTimeout.milliseconds, onIdle);
        // After an idle timeout the body fails with a bare "aborted": report the timeout instead.
        const failure = (error: unknown): unknown => timedOut ?? error;
        resolve({
          status: response.statusCode ?? 0,
          headers: flatHeaders(response),
          text: async () => {
            const chunks: Buffer[] = [];
            try {
              for await (const chunk of response) chunks.push(chunk as Buffer);
            } catch (error) {
              throw failure(error);
            }
            if (timedOut) throw timedOut;
            return Buffer.concat(chunks).toString('utf8');
          },
          chunks: () => (idleTimeout ? reportingTimeout(response, failure) : response),
        });
      },
    );
    const onAbort = (): void => {
      outgoing.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const onIdle = (): void => {
      timedOut = idleTimeout?.error() ?? new Error('idle timeout');
      outgoing.destroy(timedOut);
    };
    if (idleTimeout?.includeHeaders) outgoing.setTimeout(idleTimeout.milliseconds, onIdle);
    signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(timedOut ?? error);
    });
    outgoing.end(request.body);
  });
};

async function* reportingTimeout(
  response: AsyncIterable<Uint8Array>,
  failure: (error: unknown) => unknown,
): AsyncGenerator<Uint8Array> {
  try {
    yield* response;
  } catch (error) {
    throw failure(error);
  }
  const timedOut = failure(undefined);
  if (timedOut !== undefined) throw timedOut;
}
