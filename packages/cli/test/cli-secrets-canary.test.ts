// Secrets by value, end to end through the built CLI: canaries in custom headers, a base URL's user:password and
// query string, credential-named model args and the API keys must never appear, raw, URL-encoded or base64, in the
// logs (.eval and .json), stdout, stderr, the viewer's HTTP answers or a static bundle, whatever the server does:
// succeed, answer 4xx/5xx bodies that echo the request's headers and URL back, reset the connection or stall.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startAssay, waitFor, type CliResult } from './cli-helpers.js';
import { ensureBuilt } from './ensure-built.js';

const secretsTask = path.join(repoRoot, 'packages/cli/test/fixtures/secrets-task.ts');
const canaries = {
  openaiKey: 'sk-CANARY-openai-env-4b7e1d9a2c',
  anthropicKey: 'sk-ant-CANARY-env-0c5d7a31',
  header: 'CANARY-hdr-proxy-token-5f81e2',
  extraHeader: 'CANARY-extra-hdr-6e4f09b7',
  password: 'CANARY-p@ss:w0rd/q%7e',
  query: 'CANARY-query-key-91ab3c/+=',
  argApiKey: 'CANARY-arg-api-key-2e6f48',
};
const base64 = (text: string): string => Buffer.from(text).toString('base64');

/** Every form of a secret that must not leak: raw, URL-encoded, base64 (alone, as basic auth, after `Bearer `), base64url. */
function forms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ q: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
      base64(secret).replace(/=+$/, ''),
      Buffer.from(secret).toString('base64url'),
      base64(`evaluser:${secret}`).replace(/=+$/, ''),
      base64(`Bearer ${secret}`).slice(8, -4),
    ]),
  ];
}

/** The texts of a zip's members (a `.eval` log), inflated. */
function zipTexts(zip: Buffer): string[] {
  const texts: string[] = [];
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) return [zip.toString('latin1')];
  let offset = zip.readUInt32LE(end + 16);
  for (let entry = 0; entry < zip.readUInt16LE(end + 10); entry++) {
    const method = zip.readUInt16LE(offset + 10);
    const size = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const local = zip.readUInt32LE(offset + 42);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    texts.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return texts;
}

/** The text of a file or download: a zip's members inflated, anything else as it is. */
function textOf(name: string, bytes: Buffer): string {
  return name.endsWith('.eval') ? zipTexts(bytes).join('\n') : bytes.toString('utf8');
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(root, name))
    .filter((file) => statSync(file).isFile());
}

interface Recorded {
  url: string;
  headers: IncomingMessage['headers'];
}

/** A local server speaking OpenAI's and Anthropic's wire formats; the prompt says how to answer. */
async function startCanaryServer(): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const attempts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const reply = (response: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(json));
  };
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      requests.push({ url: request.url ?? '', headers: request.headers });
      const body = JSON.parse(raw || '{}') as { messages?: Array<{ content: unknown }>; stream?: boolean };
      const last = body.messages?.at(-1)?.content;
      // OpenAI sends a string, Anthropic a list of content blocks.
      const prompt = typeof last === 'string' ? last : Array.isArray(last) ? last.map((block: { text?: string }) => block.text ?? '').join('') : '';
      const anthropic = (request.url ?? '').includes('/messages');
      const headerJson = JSON.stringify(request.headers);
      const echo = `${request.url} ${headerJson} ${encodeURIComponent(headerJson)} ${base64(headerJson)}`;
      const error = (status: number, message: string): void =>
        anthropic
          ? reply(response, status, { type: 'error', error: { type: status >= 500 ? 'api_error' : 'invalid_request_error', message } }, { 'retry-after-ms': '1' })
          : reply(response, status, { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null } }, { 'retry-after-ms': '1' });
      // A real server answers a URL it does not serve with a 404, here one that echoes what it got.
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (pathname !== '/v1/chat/completions' && pathname !== '/v1/messages') return error(404, `no route for ${echo}`);
      const seen = (attempts.get(`${request.url} ${prompt}`) ?? 0) + 1;
      attempts.set(`${request.url} ${prompt}`, seen);
      if (prompt === 'echo-400') return error(400, `bad request ${echo}`);
      if (prompt === 'echo-401') return error(401, `Incorrect API key provided: ${echo}`);
      if (prompt === 'always-500' || (prompt === 'flaky-500' && seen === 1)) return error(500, `upstream failed for ${echo}`);
      if (prompt === 'always-reset' || (prompt === 'reset-once' && seen === 1)) return void request.socket.destroy();
      if (prompt === 'stall-once' && seen === 1) return; // never answers: the attempt timeout ends it
      if (anthropic) {
        return reply(response, 200, {
          id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'fine' }],
          stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 },
        });
      }
      const chunk = (delta: unknown, finish: string | null): string =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      if (body.stream) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(chunk({ role: 'assistant', content: 'fi' }, null));
        if (prompt === 'stall-stream' && seen === 1) return; // stalls mid-stream
        response.end(chunk({ content: 'ne' }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
        return;
      }
      reply(response, 200, {
        id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: 'fine' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs the built CLI without blocking this process: the canary server answers it from here. */
async function run(options: { args: readonly string[]; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return await startAssay(options).done;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'assay-cli-secrets-'));
let server: Awaited<ReturnType<typeof startCanaryServer>>;
beforeAll(async () => {
  await ensureBuilt();
  server = await startCanaryServer();
}, 300_000);
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('secrets canary through the CLI', () => {
  it('no canary reaches a log, stdout, stderr, the viewer or a bundle; each is recorded as ***', async () => {
    const logDir = path.join(work, 'logs');
    const credentialsInUrl = `evaluser:${encodeURIComponent(canaries.password)}@${server.url}`;
    const query = `key=${encodeURIComponent(canaries.query)}&api-version=2024-10-21`;
    const env = {
      OPENAI_API_KEY: canaries.openaiKey,
      OPENAI_BASE_URL: `http://${credentialsInUrl}/v1?${query}`,
      ANTHROPIC_API_KEY: canaries.anthropicKey,
      ANTHROPIC_BASE_URL: `http://${credentialsInUrl}/v1/?${query}`,
      CANARY_EXTRA_HEADER: canaries.extraHeader,
      ASSAY_LOG_DIR: undefined,
    };
    // The model arguments OpenAI's provider takes that hold secrets: custom headers and the API key itself (which then
    // replaces $OPENAI_API_KEY). Other credential-looking names are refused as unknown arguments, without their values.
    const credentialArgs = [
      '-M', `headers=${JSON.stringify({ 'X-Proxy-Token': canaries.header, 'anthropic-version': '2023-06-01' })}`,
      '-M', `api_key=${canaries.argApiKey}`,
    ];
    const common = ['--log-dir', logDir, '--display', 'plain', '--max-retries', '2', '--attempt-timeout', '2', '--fail-on-error', 'false'];
    const outputs: Record<string, CliResult> = {};
    outputs.openai = await run({ args: ['eval', secretsTask, '--model', 'openai/gpt-4o-mini', ...credentialArgs, ...common, '--log-format', 'eval'], env });
    outputs.openaiStream = await run({ args: ['eval', secretsTask, '--model', 'openai/gpt-4o-mini', '-M', 'stream=true', ...credentialArgs, ...common, '--log-format', 'json'], env });
    outputs.anthropic = await run({ args: ['eval', secretsTask, '--model', 'anthropic/claude-sonnet-4-5', ...common, '--log-format', 'eval'], env });
    const firstLog = readdirSync(logDir).find((name) => name.endsWith('.eval'))!;
    // The log holds *** for the secrets: a retry that is not given them again refuses before any call.
    const requestsBeforeRefusal = server.requests.length;
    const refused = await run({ args: ['eval-retry', path.join(logDir, firstLog), '--display', 'plain'], env });
    const requestsOfRefusal = server.requests.length - requestsBeforeRefusal;
    outputs.refusedRetry = refused;
    outputs.retry = await run({ args: ['eval-retry', path.join(logDir, firstLog), ...credentialArgs, '--display', 'plain', '--max-retries', '2', '--attempt-timeout', '2'], env });
    outputs.dump = await run({ args: ['log', 'dump', path.join(logDir, firstLog)], env });
    const bundleDir = path.join(work, 'bundle');
    outputs.bundle = await run({ args: ['view', 'bundle', '--log-dir', logDir, '--output-dir', bundleDir] });

    // The viewer: its page, its listing and every log it serves.
    const viewer = startAssay({ args: ['view', '--log-dir', logDir, '--port', '0'] });
    let viewerOut = '';
    viewer.child.stdout!.on('data', (chunk: Buffer) => void (viewerOut += chunk.toString()));
    const viewerTexts: string[] = [];
    try {
      await waitFor(() => /http:\/\/\S+/.test(viewerOut), 60_000);
      const base = /(http:\/\/\S+?)\/?(\s|$)/.exec(viewerOut)![1]!;
      for (const route of ['/', '/logs/listing.json', ...readdirSync(logDir).map((name) => `/logs/${encodeURIComponent(name)}`)]) {
        const response = await fetch(base + route);
        expect(response.status, route).toBe(200);
        viewerTexts.push(textOf(route, Buffer.from(await response.arrayBuffer())));
      }
    } finally {
      viewer.child.kill('SIGTERM');
    }
    const viewerResult = await viewer.done;

    // The secrets were in play: every one reached the server, which echoed them back in its error bodies.
    const sent = server.requests.map((request) => `${request.url} ${JSON.stringify(request.headers)}`).join('\n');
    for (const secret of [canaries.argApiKey, canaries.anthropicKey, canaries.header, canaries.extraHeader]) expect(sent).toContain(secret);
    expect(sent).toContain(base64(`evaluser:${canaries.password}`));
    expect(sent).toContain(encodeURIComponent(canaries.query));

    const sources: Record<string, string> = {};
    for (const [name, output] of Object.entries(outputs)) {
      sources[`${name} stdout`] = output.stdout;
      sources[`${name} stderr`] = output.stderr;
    }
    sources['view stdout'] = viewerResult.stdout;
    sources['view stderr'] = viewerResult.stderr;
    for (const file of filesUnder(logDir)) sources[`log ${path.basename(file)}`] = textOf(file, readFileSync(file));
    for (const file of filesUnder(bundleDir)) sources[`bundle ${path.relative(bundleDir, file)}`] = textOf(file, readFileSync(file));
    viewerTexts.forEach((text, index) => (sources[`viewer response ${index}`] = text));

    const hits: Record<string, number> = {};
    for (const [where, text] of Object.entries(sources)) {
      for (const [name, secret] of Object.entries(canaries)) {
        for (const form of forms(secret)) {
          const count = text.split(form).length - 1;
          if (count > 0) hits[`${name} in ${where}`] = (hits[`${name} in ${where}`] ?? 0) + count;
        }
      }
    }
    const total = Object.values(hits).reduce((sum, count) => sum + count, 0);
    console.log(`secrets canary: ${total} hits`, hits);
    expect(hits).toEqual({});

    // The runs did their work: the logs exist, every run ended, the retry reran the failed samples.
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('headers.X-Proxy-Token, apiKey as ***');
    expect(refused.stderr).toContain('-M headers=');
    delete outputs.refusedRetry;
    expect(requestsOfRefusal).toBe(0);
    for (const [name, output] of Object.entries(outputs)) expect(output.status, `${name}: ${output.stderr}`).toBe(0);
    expect(filesUnder(logDir).filter((file) => /\.(eval|json)$/.test(file)).length).toBe(4);
    // Every path was taken: errors that echo the request, 5xx, resets; a stall (before the answer or mid-stream),
    // a flaky 500 and one reset were retried and the sample finished.
    const json = JSON.parse(readFileSync(filesUnder(logDir).find((file) => file.endsWith('.json'))!, 'utf8')) as {
      eval: { model_args: Record<string, unknown>; model_base_url: string };
      samples: Array<{ id: string; error?: { message: string } | null }>;
    };
    const failed = json.samples.filter((sample) => sample.error).map((sample) => sample.id).sort();
    expect(failed).toEqual(['always-500', 'always-reset', 'echo-400', 'echo-401']);
    expect(json.samples.find((sample) => sample.id === 'always-reset')?.error?.message).toMatch(/request to \S+key=\*\*\*\S* failed/);
    // The retry sent the real secrets again (given anew with -M), never the *** the log holds.
    expect(sent).not.toContain('***');
    // What was set is recorded, redacted: the keys are kept with *** as their value.
    expect(json.eval.model_args).toMatchObject({
      headers: { 'X-Proxy-Token': '***', 'anthropic-version': '2023-06-01' },
      apiKey: '***',
      stream: true,
    });
    expect(json.eval.model_base_url).toBe(`http://***:***@${server.url}/v1?key=***&api-version=2024-10-21`);
    // A base URL with a query string works: the calls went to the API's path, the query string kept.
    const ok = server.requests.filter((request) => request.url.startsWith('/v1/chat/completions?') || request.url.startsWith('/v1/messages?'));
    expect(ok.length).toBeGreaterThan(0);
    expect(server.requests.filter((request) => !ok.includes(request))).toEqual([]);
  }, 600_000);
});
