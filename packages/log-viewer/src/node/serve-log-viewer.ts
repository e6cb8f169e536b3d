import { randomBytes, timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { stringifyLogJson } from '@assay/core/log';
import { LISTING_FILE } from '../shared/log-listing.js';
import { clientDir } from './client-dir.js';
import { isLogJson } from './is-log-json.js';
import { listLogDir, type ListingCache } from './list-log-dir.js';
import { LogViewerError } from './log-viewer-error.js';
import { readPendingSampleData, readPendingSamples, type LiveEventIndex } from './read-live-samples.js';
import { resolveSafePath, type UnsafePathReason } from './resolve-safe-path.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { sendFile } from './send-file.js';

/** Options of {@link serveLogViewer}. */
export interface ServeLogViewerOptions {
  /** The directory whose logs (recursively) are shown. */
  logDir: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 7575 */
  port?: number;
  /**
   * Required when `host` is not a loopback address: the URL must carry `?token=` once (it is then kept in a cookie). At
   * least {@link MIN_TOKEN_LENGTH} characters.
   */
  token?: string;
  /** The built browser client. @default this package's dist/client */
  clientDir?: string;
}

/** A running viewer server. */
export interface LogViewerServer {
  /** The URL to open (with the token, when there is one). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.eval': 'application/zip',
};
const TOKEN_COOKIE = 'assay_view_token';
/** The shortest token {@link serveLogViewer} accepts. */
export const MIN_TOKEN_LENGTH = 16;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Serves the log viewer and the logs under `logDir` (listing, files with HTTP Range) on 127.0.0.1 by default. */
export async function serveLogViewer(options: ServeLogViewerOptions): Promise<LogViewerServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = LOOPBACK.test(host);
  if (options.token !== undefined && options.token.length < MIN_TOKEN_LENGTH) {
    throw new LogViewerError({
      code: 'token_too_short',
      message: `The viewer token must be at least ${MIN_TOKEN_LENGTH} characters (this one has ${options.token.length}): a short token can be guessed. Pass a longer --token, e.g. the output of \`openssl rand -base64 18\`.`,
    });
  }
  if (!loopback && !options.token) {
    throw new LogViewerError({
      code: 'token_required',
      message: `Refusing to serve logs on ${host}, which is not a loopback address, without a token; pass a token (assay view --token) or bind 127.0.0.1.`,
    });
  }
  const logDirStats = await stat(options.logDir).catch(() => undefined);
  if (!logDirStats?.isDirectory()) {
    throw new LogViewerError({ code: 'log_dir_not_found', message: `Log directory ${options.logDir} does not exist; pass --log-dir with a directory of logs.` });
  }
  const client = options.clientDir ?? clientDir();
  const cache: ListingCache = new Map();
  const liveEvents: LiveEventIndex = new Map();
  const token = options.token;
  let port = options.port ?? 7575;

  const allowedHosts = (): Set<string> => {
    const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
    if (isIP(host) === 6) names.add(`[${host}]`);
    return new Set([...names].map((name) => `${name}:${port}`));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    const refuse = (status: number, text: string): void => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
      response.end(request.method === 'HEAD' ? undefined : text);
    };
    const refuseUnsafe = (reason: UnsafePathReason): void =>
      reason === 'malformed' ? refuse(400, 'Bad request: malformed percent-encoding') : reason === 'forbidden' ? refuse(403, 'Forbidden') : refuse(404, 'Not found');
    // A foreign Host header is a DNS-rebinding attempt.
    // (With a token the token is the guard, and the host may be any name of the machine.)
    const requestHost = String(request.headers.host ?? '').toLowerCase();
    if (!token && !allowedHosts().has(requestHost)) return refuse(403, 'Forbidden host');
    const origin = request.headers.origin;
    if (origin !== undefined && origin.replace(/^https?:\/\//, '').toLowerCase() !== requestHost) return refuse(403, 'Cross-site request refused');
    // A link from another site may open the page (a navigation); nothing else may be fetched from another site.
    const navigation = request.headers['sec-fetch-mode'] === 'navigate' && request.headers['sec-fetch-dest'] === 'document';
    if (fromAnotherSite(request, requestHost) && !navigation) return refuse(403, 'Cross-site request refused');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return refuse(405, 'Method not allowed');
    }
    const rawUrl = request.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const pathname = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    if (token) {
      const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
      const given = query.get('token') ?? cookieValue(request.headers.cookie, TOKEN_COOKIE) ?? bearer(request.headers.authorization);
      if (!given || !sameSecret(given, token)) return refuse(401, 'A token is required: open the URL printed by `assay view`.');
      if (query.get('token')) response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (pathname === `/logs/${LISTING_FILE}`) {
      const body = JSON.stringify(await listLogDir({ logDir: options.logDir, cache }));
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    // A running log's samples in flight and their events so far (Inspect's API), read from the log's live buffer.
    if (pathname === '/api/pending-samples' || pathname === '/api/pending-sample-data') {
      const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
      const log = query.get('log');
      if (!log) return refuse(400, 'Bad request: the log is required (?log=)');
      const sendJson = (body: string, headers: Record<string, string> = {}): void => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body), ...headers });
        response.end(request.method === 'HEAD' ? undefined : body);
      };
      if (pathname === '/api/pending-samples') {
        const etag = request.headers['if-none-match'];
        const pending = await readPendingSamples({ logDir: options.logDir, log, ...(etag !== undefined ? { etag } : {}) });
        if ('refused' in pending) return refuseUnsafe(pending.refused);
        if ('notModified' in pending) {
          response.writeHead(304, { 'Cache-Control': 'no-store' });
          response.end();
          return;
        }
        return sendJson(stringifyLogJson({ value: pending }), { ETag: pending.etag });
      }
      const id = query.get('id');
      const epoch = Number(query.get('epoch'));
      const lastEvent = query.get('last-event-id');
      const lastEventId = lastEvent === null ? undefined : Number(lastEvent);
      if (id === null || !Number.isInteger(epoch) || (lastEventId !== undefined && !(Number.isInteger(lastEventId) && lastEventId >= -1))) {
        return refuse(400, 'Bad request: id, epoch and last-event-id (an integer) are required');
      }
      const data = await readPendingSampleData({ logDir: options.logDir, log, id, epoch, index: liveEvents, ...(lastEventId !== undefined ? { lastEventId } : {}) });
      if ('refused' in data) return refuseUnsafe(data.refused);
      return sendJson(stringifyLogJson({ value: data }));
    }
    if (pathname.startsWith('/logs/')) {
      const resolved = await resolveSafePath({ root: options.logDir, encodedPath: pathname.slice('/logs/'.length), accept: /\.(eval|json)$/i });
      if ('refused' in resolved) return refuseUnsafe(resolved.refused);
      // Logs only: a .json beside the logs that is not one (a config.json with keys) is not served.
      if (/\.json$/i.test(resolved.path) && !(await isLogJson(resolved.path))) return refuse(404, 'Not found');
      sendFile({ request, response, path: resolved.path, size: resolved.size, contentType: CONTENT_TYPES[extname(resolved.path)] ?? 'application/octet-stream', cache: 'no-store' });
      return;
    }
    const asset = pathname === '/' ? 'index.html' : pathname.slice(1);
    const resolved = await resolveSafePath({ root: client, encodedPath: asset });
    if ('refused' in resolved) return refuseUnsafe(resolved.refused);
    sendFile({ request, response, path: resolved.path, size: resolved.size, contentType: CONTENT_TYPES[extname(resolved.path)] ?? 'application/octet-stream', cache: asset === 'index.html' ? 'no-cache' : 'max-age=3600' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
      } else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = isIP(host) === 6 ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    host,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A random token for `serveLogViewer({ token })`. */
export function createViewerToken(): string {
  return randomBytes(18).toString('base64url');
}

// Whether a request without an Origin comes from another site: Sec-Fetch-Site says so (anything but the viewer's own
// origin or the user typing the URL: a same-site page on another port is another site too), or else a Referer from
// another host does. A request with neither (curl, an old browser opening the URL) is the user's.
function fromAnotherSite(request: IncomingMessage, requestHost: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const referer = request.headers.referer;
  if (referer === undefined) return false;
  try {
    return new URL(referer).host.toLowerCase() !== requestHost;
  } catch {
    return true;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match?.[1];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
