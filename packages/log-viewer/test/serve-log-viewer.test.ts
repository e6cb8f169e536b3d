import { request } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { createEvalLogWriter, createLiveSampleBuffer, liveSampleBufferPaths, readEvalLog } from '@assay/core';
import { parseLogJson, pendingSampleDataSchema, pendingSamplesSchema, type Event } from '@assay/core/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bombLog } from '../../cli/test/zip-bomb.js';
import { httpLogViewerApi } from '../src/client/data/log-viewer-api.js';
import { openLog } from '../src/client/data/open-log.js';
import { LogViewerError, serveLogViewer, VIEWER_CSP, writeStaticViewer, type LogViewerServer } from '../src/index.js';
import { copyInspectLogs, hasInspectLogs, makeAssayLogs, writeTruncated } from './viewer-fixtures.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request (the path is sent exactly as given, unnormalized). */
function raw(options: { port: number; path: string; method?: string; headers?: Record<string, string> }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: options.port, path: options.path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${options.port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SECRET = 'TOP-SECRET-OUTSIDE-THE-LOG-DIR';
let root: string;
let logDir: string;
let clientDir: string;
let server: LogViewerServer;
let logNames: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'assay-view-'));
  logDir = join(root, 'logs');
  clientDir = join(root, 'client');
  await mkdir(clientDir, { recursive: true });
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>viewer</title>');
  await writeFile(join(root, 'secret.json'), JSON.stringify({ eval: SECRET }));
  await writeFile(join(root, 'secret.eval'), SECRET);
  const paths = await makeAssayLogs(join(logDir, 'nested'));
  logNames = paths.map((path) => `nested/${basename(path)}`);
  await symlink(join(root, 'secret.json'), join(logDir, 'escape.json'));
  await writeTruncated({ from: paths[0]!, to: join(logDir, 'truncated.eval') });
  await writeFile(join(logDir, 'notes.json'), '{"not": "a log"}');
  server = await serveLogViewer({ logDir, port: 0, clientDir });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('serveLogViewer: listing and files', () => {
  it('binds 127.0.0.1 by default and lists logs recursively with their header summary', async () => {
    expect(server.host).toBe('127.0.0.1');
    const reply = await raw({ port: server.port, path: '/logs/listing.json' });
    expect(reply.status).toBe(200);
    const listing = JSON.parse(reply.body.toString()) as Record<string, Record<string, unknown>>;
    for (const name of logNames) {
      expect(listing[name]).toMatchObject({ task: 'viewer_demo', model: 'mockllm/model', status: 'success', running: false, sample_count: 6 });
      expect(listing[name]?.primary_metric).toMatchObject({ name: 'accuracy', scorer: 'includes' });
    }
    // A broken log is listed with its problem, a JSON file that is no log is not, and the escaping link is not followed.
    expect(String(listing['truncated.eval']?.problem)).toMatch(/truncated|central directory/);
    expect(listing['notes.json']).toBeUndefined();
    expect(listing['escape.json']).toBeUndefined();
  });

  it('marks a log that is still being written as running', async () => {
    const writer = createEvalLogWriter({ path: join(logDir, 'running.eval') });
    const finished = await readEvalLog({ path: join(logDir, logNames[0]!) });
    await writer.start({ eval: finished.eval, plan: finished.plan });
    await writer.writeSample(finished.samples![0]!);
    await writer.flush();
    const listing = JSON.parse((await raw({ port: server.port, path: '/logs/listing.json' })).body.toString()) as Record<string, Record<string, unknown>>;
    expect(listing['running.eval']).toMatchObject({ status: 'started', running: true, sample_count: 1 });
    await writer.close();
  });

  it('answers HEAD and Range requests on log files', async () => {
    const path = `/logs/${logNames[0]!.split('/').map(encodeURIComponent).join('/')}`;
    const file = await readFile(join(logDir, logNames[0]!));
    const head = await raw({ port: server.port, path, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(Number(head.headers['content-length'])).toBe(file.length);
    expect(head.body.length).toBe(0);
    const part = await raw({ port: server.port, path, headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${file.length}`);
    expect(part.body.equals(file.subarray(10, 20))).toBe(true);
    const tail = await raw({ port: server.port, path, headers: { range: 'bytes=-22' } });
    expect(tail.body.equals(file.subarray(file.length - 22))).toBe(true);
    const beyond = await raw({ port: server.port, path, headers: { range: `bytes=${file.length + 5}-` } });
    expect(beyond.status).toBe(416);
  });

  it('serves the client and sends the Content-Security-Policy on every response', async () => {
    const page = await raw({ port: server.port, path: '/' });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>viewer</title>');
    for (const reply of [page, await raw({ port: server.port, path: '/logs/../secret.json' }), await raw({ port: server.port, path: '/missing.js' })]) {
      expect(reply.headers['content-security-policy']).toBe(VIEWER_CSP);
    }
    expect(VIEWER_CSP).toContain("script-src 'self'");
    expect(VIEWER_CSP).not.toContain('unsafe-inline');
  });
});

describe('serveLogViewer: refuses paths out of the log directory', () => {
  // The path is decoded once and the decoded path is judged: traversal is 403; a double-encoded name decodes to a
  // literal (`%2e%2e`), which is no traversal and no file here, so 404; a malformed encoding is 400.
  const attempts: [path: string, status: number][] = [
    ['/logs/../secret.json', 403],
    ['/logs/nested/../../secret.json', 403],
    ['/logs/%2e%2e/secret.json', 403],
    ['/logs/%2E%2E/secret.json', 403],
    ['/logs/%252e%252e/secret.json', 404],
    ['/logs/%252E%252E%252Fsecret.json', 404],
    ['/logs/..%2fsecret.json', 403],
    ['/logs/..%5csecret.json', 403],
    ['/logs/..\\secret.json', 403],
    ['/logs//etc/passwd.json', 403],
    [`/logs/${encodeURIComponent(join(tmpdir(), 'x.json'))}`, 403],
    ['/logs/escape.json', 403],
    ['/logs/nested%00.json', 403],
    ['/logs/%00../secret.json', 403],
    ['/logs/../secret.eval', 403],
    ['/logs/%zz/secret.json', 400],
    ['/logs/%E0%A4%A.json', 400],
    ['/../secret.json', 403],
    ['/%2e%2e/secret.json', 403],
    ['/%252e%252e/secret.json', 404],
    ['/assets/../../secret.json', 403],
  ];
  for (const [path, status] of attempts) {
    it(`refuses ${path} with ${status} and none of the target's bytes`, async () => {
      const reply = await raw({ port: server.port, path });
      expect(reply.status).toBe(status);
      expect(reply.body.toString()).not.toContain(SECRET);
      expect(reply.body.length).toBeLessThan(100);
    });
  }
});

describe('serveLogViewer: log names that must be percent-encoded', () => {
  // Names as they are on disk; the client asks for each segment with encodeURIComponent.
  const oddNames = ['run 100%.eval', 'a%2e%2e.eval', 'q#1?x=2&y.eval', '%2e%2e/inside.eval', 'dir 50%/b%25.json'];
  const urlOf = (name: string): string => `/logs/${name.split('/').map(encodeURIComponent).join('/')}`;
  let bytes: Buffer;
  let jsonBytes: Buffer;

  beforeAll(async () => {
    bytes = await readFile(join(logDir, logNames[0]!));
    const json = await readEvalLog({ path: join(logDir, logNames[0]!) });
    jsonBytes = Buffer.from(JSON.stringify(json));
    for (const name of oddNames) {
      await mkdir(join(logDir, dirname(name)), { recursive: true });
      await writeFile(join(logDir, name), name.endsWith('.json') ? jsonBytes : bytes);
    }
  });

  it('lists them under their real names', async () => {
    const listing = JSON.parse((await raw({ port: server.port, path: '/logs/listing.json' })).body.toString()) as Record<string, Record<string, unknown>>;
    for (const name of oddNames) expect(listing[name], name).toMatchObject({ task: 'viewer_demo', status: 'success' });
  });

  it('serves them whole, by HEAD and by Range', async () => {
    for (const name of oddNames) {
      const content = name.endsWith('.json') ? jsonBytes : bytes;
      const whole = await raw({ port: server.port, path: urlOf(name) });
      expect(whole.status, name).toBe(200);
      expect(whole.body.equals(content), name).toBe(true);
      const head = await raw({ port: server.port, path: urlOf(name), method: 'HEAD' });
      expect(Number(head.headers['content-length']), name).toBe(content.length);
      const tail = await raw({ port: server.port, path: urlOf(name), headers: { range: 'bytes=-64' } });
      expect(tail.status, name).toBe(206);
      expect(tail.headers['content-range'], name).toBe(`bytes ${content.length - 64}-${content.length - 1}/${content.length}`);
      expect(tail.body.equals(content.subarray(content.length - 64)), name).toBe(true);
    }
  });

  it('decodes exactly once: an encoding of the name is not the name, and %2e%2e is a directory, not a way up', async () => {
    // `run 100%.eval` asked for without encoding its `%` is malformed; asked for twice encoded it is another (missing) name.
    expect((await raw({ port: server.port, path: '/logs/run%20100%.eval' })).status).toBe(400);
    expect((await raw({ port: server.port, path: `/logs/${encodeURIComponent(encodeURIComponent('run 100%.eval'))}` })).status).toBe(404);
    // `a%2e%2e.eval` sent with its `%` unencoded decodes to `a...eval`: no such file.
    expect((await raw({ port: server.port, path: '/logs/a%2e%2e.eval' })).status).toBe(404);
    const inside = await raw({ port: server.port, path: '/logs/%252e%252e/inside.eval' });
    expect(inside.status).toBe(200);
    expect(inside.body.equals(bytes)).toBe(true);
    expect((await raw({ port: server.port, path: '/logs/%252e%252e/../secret.eval' })).status).toBe(403);
    // An unencoded `#` or `?` ends the path: the request is for another (missing) name.
    expect((await raw({ port: server.port, path: '/logs/q#1?x=2&y.eval' })).status).toBe(404);
  });

  it('writeStaticViewer copies them under their real names', async () => {
    const outDir = join(root, 'site-odd');
    const { logs } = await writeStaticViewer({ logDir, outDir, clientDir });
    expect(logs).toEqual(expect.arrayContaining(oddNames));
    for (const name of oddNames) expect((await readFile(join(outDir, 'logs', name))).length, name).toBe(name.endsWith('.json') ? jsonBytes.length : bytes.length);
  });
});

describe('serveLogViewer: cross-site and binding rules', () => {
  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await raw({ port: server.port, path: '/logs/listing.json', headers: { host: 'evil.example:80' } });
    expect(reply.status).toBe(403);
    expect(reply.body.toString()).not.toContain('viewer_demo');
  });

  it('refuses a cross-site POST and any POST', async () => {
    const cross = await raw({ port: server.port, path: '/logs/listing.json', method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
    const sameSite = await raw({ port: server.port, path: '/logs/listing.json', method: 'POST', headers: { origin: `http://127.0.0.1:${server.port}` } });
    expect(sameSite.status).toBe(405);
    const crossGet = await raw({ port: server.port, path: '/logs/listing.json', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' } });
    expect(crossGet.status).toBe(403);
    // A link to the viewer from another site still opens it.
    const link = await raw({ port: server.port, path: '/', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    expect(link.status).toBe(200);
  });

  it('refuses to start on a non-loopback address without a token', async () => {
    const error = await serveLogViewer({ logDir, host: '0.0.0.0', port: 0, clientDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogViewerError);
    expect((error as LogViewerError).code).toBe('token_required');
  });

  it('with a token, requires it (query once, then the cookie)', async () => {
    const guarded = await serveLogViewer({ logDir, host: '0.0.0.0', port: 0, clientDir, token: 'sesame-1234567890' });
    try {
      expect(guarded.url).toContain('token=sesame-1234567890');
      expect((await raw({ port: guarded.port, path: '/logs/listing.json' })).status).toBe(401);
      const first = await raw({ port: guarded.port, path: '/?token=sesame-1234567890' });
      expect(first.status).toBe(200);
      const cookie = String(first.headers['set-cookie']).split(';')[0]!;
      expect((await raw({ port: guarded.port, path: '/logs/listing.json', headers: { cookie } })).status).toBe(200);
      expect((await raw({ port: guarded.port, path: '/logs/listing.json', headers: { cookie: 'assay_view_token=wrong' } })).status).toBe(401);
    } finally {
      await guarded.close();
    }
  });
});

describe('serveLogViewer: logs only, long tokens, no Origin from another site', () => {
  const KEY = 'sk-live-CONFIG-SECRET-1234';

  beforeAll(async () => {
    await writeFile(join(logDir, 'config.json'), JSON.stringify({ eval: { model: 'openai/gpt-4o' }, api_key: KEY }, null, 2));
    await writeFile(join(logDir, 'nested', 'settings.json'), JSON.stringify({ version: 2, api_key: KEY }));
    await writeFile(join(logDir, 'nested', 'listing.json'), JSON.stringify({ token: KEY }));
  });

  it('serves a .json only when it starts like an eval log: config.json beside the logs is neither served nor listed', async () => {
    for (const name of ['config.json', 'nested/settings.json', 'nested/listing.json']) {
      const reply = await raw({ port: server.port, path: `/logs/${name}` });
      expect(reply.status, name).toBe(404);
      expect(reply.body.toString(), name).not.toContain(KEY);
    }
    const listing = (await raw({ port: server.port, path: '/logs/listing.json' })).body.toString();
    expect(listing).not.toContain('config.json');
    expect(listing).not.toContain('settings.json');
    const outDir = join(root, 'site-logs-only');
    const { logs } = await writeStaticViewer({ logDir, outDir, clientDir });
    expect(logs.filter((name) => name.endsWith('.json') && !name.includes('%'))).toEqual([]);
  });

  it.runIf(hasInspectLogs)("serves Inspect's own .json logs", async () => {
    const names = (await copyInspectLogs(join(logDir, 'inspect'))).filter((name) => name.endsWith('.json'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const reply = await raw({ port: server.port, path: `/logs/inspect/${encodeURIComponent(name)}` });
      expect(reply.status, name).toBe(200);
      expect(reply.body.equals(await readFile(join(logDir, 'inspect', name))), name).toBe(true);
    }
  });

  it('refuses a token shorter than 16 characters', async () => {
    const error = await serveLogViewer({ logDir, host: '0.0.0.0', port: 0, clientDir, token: 'fifteen-chars!!' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LogViewerError);
    expect((error as LogViewerError).code).toBe('token_too_short');
    expect((error as Error).message).toContain('at least 16 characters');
  });

  it('treats a request without Origin from another site (Sec-Fetch-Site, else Referer) as cross-site', async () => {
    const path = `/logs/${logNames[0]!.split('/').map(encodeURIComponent).join('/')}`;
    const status = async (headers: Record<string, string>): Promise<number> => (await raw({ port: server.port, path, headers })).status;
    expect(await status({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' })).toBe(403);
    expect(await status({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' })).toBe(403);
    expect(await status({ referer: 'http://evil.example/page.html' })).toBe(403);
    expect(await status({ referer: `http://localhost:${server.port + 1}/` })).toBe(403);
    expect(await status({ referer: 'not a url' })).toBe(403);
    // The viewer's own requests, and the user's (typed URL, curl), are served.
    expect(await status({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' })).toBe(200);
    expect(await status({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).toBe(200);
    expect(await status({ referer: `http://127.0.0.1:${server.port}/` })).toBe(200);
    expect(await status({})).toBe(200);
  });
});

describe('serveLogViewer: a zip bomb in the log directory', () => {
  // 1 GiB of zeros in a 6.8 MB file, declared as the member's real (small) size. The timeout is only a hang guard.
  let bombDir: string;
  let bombServer: LogViewerServer;
  beforeAll(async () => {
    bombDir = join(root, 'bomb-logs');
    await mkdir(bombDir, { recursive: true });
    const from = join(logDir, logNames[0]!);
    await writeFile(join(bombDir, 'header-bomb.eval'), await bombLog({ from, member: /^header\.json$/, method: 8, mebibytes: 1024 }));
    await writeFile(join(bombDir, 'sample-bomb.eval'), await bombLog({ from, member: /^samples\//, method: 8, mebibytes: 1024 }));
    bombServer = await serveLogViewer({ logDir: bombDir, port: 0, clientDir });
  }, 120_000);
  afterAll(() => bombServer?.close());

  it('lists it with its problem, naming the member', async () => {
    const reply = await raw({ port: bombServer.port, path: '/logs/listing.json' });
    expect(reply.status).toBe(200);
    const listing = JSON.parse(reply.body.toString()) as Record<string, { problem?: string; task?: string }>;
    expect(listing['header-bomb.eval']?.problem).toMatch(/header-bomb\.eval: member header\.json decompresses to more than the \d+ bytes its zip header declares/);
  }, 120_000);

  it("refuses it in the client's sample view, naming the file and the member", async () => {
    const api = httpLogViewerApi({ baseUrl: bombServer.url });
    const log = await openLog({ api, name: 'sample-bomb.eval' });
    const summary = log.summaries[0]!;
    const member = `samples/${String(summary.id)}_epoch_${summary.epoch}.json`;
    const error = await log.readSample({ id: summary.id, epoch: summary.epoch }).catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).toBe('member_size_exceeded');
    expect((error as Error).message).toContain(`sample-bomb.eval: member ${member} decompresses to more than`);
  }, 120_000);
});

describe('writeStaticViewer', () => {
  it('writes the client, the logs and a listing any static server can host', async () => {
    const outDir = join(root, 'site');
    const { logs } = await writeStaticViewer({ logDir, outDir, clientDir });
    expect(logs).toEqual(expect.arrayContaining(logNames));
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).toContain('viewer');
    const listing = JSON.parse(await readFile(join(outDir, 'logs/listing.json'), 'utf8')) as Record<string, { task?: string }>;
    expect(listing[logNames[0]!]?.task).toBe('viewer_demo');
    expect((await readFile(join(outDir, 'logs', logNames[0]!))).equals(await readFile(join(logDir, logNames[0]!)))).toBe(true);
    // The link out of the log directory is not copied.
    expect(logs).not.toContain('escape.json');
  });
});

describe('serveLogViewer: samples in flight (the live buffer)', () => {
  const info = (data: string): Event => ({ event: 'info', data, timestamp: '2026-01-02T03:04:05+00:00', working_start: 0, uuid: data }) as Event;
  const api = (path: string, headers?: Record<string, string>): Promise<Reply> => raw({ port: server.port, path, ...(headers ? { headers } : {}) });
  async function until(read: () => Promise<Reply>, accept: (reply: Reply) => boolean): Promise<Reply> {
    const started = Date.now();
    for (;;) {
      const reply = await read();
      if (accept(reply)) return reply;
      // A hang guard only.
      if (Date.now() - started > 60_000) throw new Error(`timed out; last reply ${reply.status} ${reply.body.toString()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('serves the samples in flight with an ETag, and their events after an event id', async () => {
    const logPath = join(logDir, 'live.eval');
    const finished = await readEvalLog({ path: join(logDir, logNames[0]!) });
    const writer = createEvalLogWriter({ path: logPath, liveSamples: false });
    await writer.start({ eval: finished.eval, plan: finished.plan });
    const buffer = createLiveSampleBuffer({ logPath, minAge: 0, interval: 0.01, linger: 60 });
    const events = [info('first'), info('second')];
    buffer.started({ id: 's1', epoch: 1, input: 'Question', target: 'Answer', started_at: '2026-01-02T03:04:05+00:00', events });
    try {
      const reply = await until(() => api('/api/pending-samples?log=live.eval'), (answer) => answer.status === 200 && answer.body.includes('"s1"'));
      const pending = pendingSamplesSchema.parse(parseLogJson({ text: reply.body.toString() }));
      expect(pending.samples).toMatchObject([{ id: 's1', epoch: 1, input: 'Question', completed: false, event_count: 2 }]);
      expect(reply.headers.etag).toBe(pending.etag);
      expect((await api('/api/pending-samples?log=live.eval', { 'if-none-match': pending.etag })).status).toBe(304);

      const all = pendingSampleDataSchema.parse(JSON.parse((await api('/api/pending-sample-data?log=live.eval&id=s1&epoch=1')).body.toString()));
      expect(all.events.map((item) => [item.id, (item.event as { data?: unknown }).data])).toEqual([[0, 'first'], [1, 'second']]);
      events.push(info('third'));
      const later = await until(
        () => api('/api/pending-sample-data?log=live.eval&id=s1&epoch=1&last-event-id=1'),
        (answer) => (JSON.parse(answer.body.toString()) as { events: unknown[] }).events.length > 0,
      );
      const next = pendingSampleDataSchema.parse(JSON.parse(later.body.toString()));
      expect(next.events.map((item) => item.id)).toEqual([2]);
      expect(next.completed).toBe(false);

      buffer.ended({ id: 's1', epoch: 1 });
      const done = await until(
        () => api('/api/pending-sample-data?log=live.eval&id=s1&epoch=1&last-event-id=2'),
        (answer) => pendingSampleDataSchema.parse(JSON.parse(answer.body.toString())).completed,
      );
      expect(JSON.parse(done.body.toString())).toMatchObject({ events: [], completed: true });
      // A sample that is not in flight is complete (it is in the log); a log without a buffer has none in flight.
      expect(JSON.parse((await api('/api/pending-sample-data?log=live.eval&id=s2&epoch=1')).body.toString())).toEqual({ events: [], attachments: [], completed: true });
      expect(JSON.parse((await api(`/api/pending-samples?log=${encodeURIComponent(logNames[0]!)}`)).body.toString())).toMatchObject({ samples: [] });
    } finally {
      await buffer.close();
      await writer.close();
    }
    const after = await api('/api/pending-samples?log=live.eval');
    expect(JSON.parse(after.body.toString())).toMatchObject({ samples: [] });
    expect((await api('/api/pending-samples?log=live.eval', { 'if-none-match': String(after.headers.etag) })).status).toBe(304);
  });

  it('takes no path from the request unchecked, and bad parameters are refused', async () => {
    for (const log of ['../secret.eval', 'nested/../../secret.eval', '/etc/passwd.eval', 'escape.json', '..%2Fsecret.eval', 'missing.eval', 'notes.json.live']) {
      const reply = await api(`/api/pending-samples?log=${encodeURIComponent(log)}`);
      expect([403, 404], log).toContain(reply.status);
      expect(reply.body.toString()).not.toContain(SECRET);
    }
    expect((await api('/api/pending-samples')).status).toBe(400);
    expect((await api(`/api/pending-sample-data?log=${encodeURIComponent(logNames[0]!)}&id=1&epoch=x`)).status).toBe(400);
    expect((await api(`/api/pending-sample-data?log=${encodeURIComponent(logNames[0]!)}&id=1&epoch=1&last-event-id=../1`)).status).toBe(400);
  });

  it('shows nothing of a buffer left by a killed run, or of one whose directory links out of the log directory', async () => {
    const finished = await readEvalLog({ path: join(logDir, logNames[0]!) });
    const stalePath = join(logDir, 'killed.eval');
    const writer = createEvalLogWriter({ path: stalePath, liveSamples: false });
    await writer.start({ eval: finished.eval, plan: finished.plan });
    await writer.close();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const paths = liveSampleBufferPaths({ logPath: stalePath });
    await mkdir(paths.dir);
    const manifest = { version: 1, pid: dead, host: hostname(), updated: '2026-01-02T03:04:05Z', samples: [{ id: 1, epoch: 1, input: 'q', target: 't', completed: false, event_count: 0 }] };
    await writeFile(paths.manifest, JSON.stringify(manifest));
    expect(JSON.parse((await api('/api/pending-samples?log=killed.eval')).body.toString())).toMatchObject({ samples: [] });
    // The same manifest from a live process is shown.
    await writeFile(paths.manifest, JSON.stringify({ ...manifest, pid: process.pid }));
    expect(JSON.parse((await api('/api/pending-samples?log=killed.eval')).body.toString())).toMatchObject({ samples: [{ id: 1 }] });

    const linkedPath = join(logDir, 'linked.eval');
    await writeFile(linkedPath, await readFile(stalePath));
    const outside = join(root, 'outside-live');
    await mkdir(outside);
    await writeFile(join(outside, 'manifest.json'), JSON.stringify({ ...manifest, pid: process.pid }));
    await symlink(outside, liveSampleBufferPaths({ logPath: linkedPath }).dir);
    expect((await api('/api/pending-samples?log=linked.eval')).status).toBe(403);
  });
});
