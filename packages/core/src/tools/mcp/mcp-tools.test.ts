import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpServer as SdkMcpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readEvalLog } from '../../log/node/index.js';
import { evaluate } from '../../runner/evaluate.js';
import { includes } from '../../scorer/index.js';
import { scriptedModel, textOutput, toolCallOutput } from '../../solver/__fixtures__/scripted-model.js';
import { defineSolver, generate, useTools } from '../../solver/index.js';
import { task } from '../../task/task.js';
import { mcpServerHttp } from './mcp-server-http.js';
import { mcpServerStdio } from './mcp-server-stdio.js';
import { McpServerError } from './mcp-server-error.js';
import { mcpTools } from './mcp-tools.js';

// The real server package from npm, run over stdio by this Node.
const everythingServer = fileURLToPath(new URL('../../../node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url));
const envSecret = 'sk-env-secret-7f3a9c2e1b';
const headerSecret = 'hdr-token-4d8e2a6c9f';

let logDir: string;
beforeEach(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'assay-mcp-'));
});
afterEach(async () => {
  await rm(logDir, { recursive: true, force: true });
});

/** Pids of processes whose command line contains `marker`. */
function pidsWith(marker: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(marker) && !line.includes('ps -eo'))
    .map((line) => Number.parseInt(line.trim(), 10));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A solver noting the pids of the server processes running while the sample runs. */
function notePids(marker: string, seen: number[], fail = false) {
  return defineSolver({
    name: 'note_pids',
    create: () => async (state) => {
      seen.push(...pidsWith(marker));
      if (fail) throw new Error('solver failed on purpose');
      return state;
    },
  })();
}

describe('mcpTools over stdio (@modelcontextprotocol/server-everything)', () => {
  it('runs the server with the task, logs its tool calls like any other, keeps env secrets out, stops it at the end', async () => {
    const marker = `assay-mcp-marker-${process.pid}-a`;
    const server = mcpServerStdio({ command: process.execPath, args: [everythingServer, 'stdio', marker], env: { MCP_TEST_SECRET: envSecret } });
    const model = scriptedModel([
      toolCallOutput([['echo', { message: 'hello mcp' }, 'call-1']]),
      toolCallOutput([['get-env', {}, 'call-2']]),
      textOutput('done'),
    ]);
    const pids: number[] = [];
    const [log] = await evaluate(
      task({
        name: 'mcp_stdio',
        dataset: [{ id: 1, input: 'Use the tools.', target: 'done' }],
        solver: [useTools({ tools: [mcpTools(server, { tools: ['echo', 'get-*'] })] }), notePids(marker, pids), generate()],
        scorer: includes(),
      }),
      { model, logDir, logFormat: 'json' },
    );
    expect(log?.status).toBe('success');
    // Only the filtered tools reach the model.
    const offered = model.calls[0]?.tools?.map((tool) => tool.name) ?? [];
    expect(offered).toEqual(expect.arrayContaining(['echo', 'get-env', 'get-sum']));
    expect(offered.filter((name) => name !== 'echo' && !name.startsWith('get-'))).toEqual([]);

    const full = await readEvalLog({ path: log!.location! });
    const sample = full.samples![0]!;
    const tools = sample.messages.filter((message) => message.role === 'tool');
    expect(tools[0]).toMatchObject({ function: 'echo', content: 'Echo: hello mcp' });
    // The server prints its whole environment: the secret given in env is masked.
    expect(String(tools[1]?.content)).toContain('"MCP_TEST_SECRET": "***"');
    const toolEvents = sample.events.filter((event) => event.event === 'tool');
    expect(toolEvents.map((event) => (event as { function?: string }).function)).toEqual(['echo', 'get-env']);
    expect(await readFile(log!.location!, 'utf8')).not.toContain(envSecret);

    // Started for the task, and stopped when it ended.
    expect(pids).toHaveLength(1);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('stops the server when the sample fails', async () => {
    const marker = `assay-mcp-marker-${process.pid}-b`;
    const server = mcpServerStdio({ command: process.execPath, args: [everythingServer, 'stdio', marker] });
    const pids: number[] = [];
    const [log] = await evaluate(
      task({
        name: 'mcp_error',
        dataset: [{ id: 1, input: 'x', target: 'y' }],
        solver: [useTools({ tools: [mcpTools(server)] }), notePids(marker, pids, true)],
        scorer: includes(),
      }),
      { model: scriptedModel([]), logDir },
    );
    expect(log?.status).toBe('error');
    expect(pids).toHaveLength(1);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('names the tool patterns that match nothing', async () => {
    const server = mcpServerStdio({ command: process.execPath, args: [everythingServer, 'stdio'] });
    try {
      await expect(mcpTools(server, { tools: ['echo', 'no_such_*'] }).tools()).rejects.toThrow(
        /has no tool matching "no_such_\*"; its tools are: .*echo/,
      );
    } finally {
      await server.close();
    }
  });
});

describe('mcpTools over streamable HTTP', () => {
  let httpServer: Server;
  let url: string;
  const seenAuthorization: string[] = [];

  beforeAll(async () => {
    // A server made with the SDK's own classes, stateless: one server and transport per request.
    httpServer = createServer((request, response) => {
      const authorization = request.headers.authorization ?? '';
      seenAuthorization.push(authorization);
      if (authorization !== `Bearer ${headerSecret}`) {
        response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad token' }));
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const server = new SdkMcpServer({ name: 'test-http', version: '1.0.0' });
        server.registerTool('add', { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => ({
          content: [{ type: 'text', text: String(a + b) }],
        }));
        server.registerTool('whoami', { description: 'Says which token was sent.' }, () => ({
          content: [{ type: 'text', text: `you sent ${authorization}` }],
        }));
        server.registerTool('fail', { description: 'Always fails.' }, () => ({ isError: true, content: [{ type: 'text', text: 'it broke' }] }));
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
        response.on('close', () => {
          void transport.close();
          void server.close();
        });
        const body: unknown = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        void server.connect(transport).then(() => transport.handleRequest(request, response, body));
      });
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`;
  });
  afterAll(async () => {
    await new Promise((resolve) => httpServer.close(resolve));
  });

  it('calls the tools end to end, with header secrets kept out of results and the log', async () => {
    const server = mcpServerHttp({ url, headers: { Authorization: `Bearer ${headerSecret}` } });
    const model = scriptedModel([
      toolCallOutput([
        ['add', { a: 2, b: 3 }, 'call-1'],
        ['whoami', {}, 'call-2'],
        ['fail', {}, 'call-3'],
      ]),
      textOutput('5'),
    ]);
    const [log] = await evaluate(
      task({
        name: 'mcp_http',
        dataset: [{ id: 1, input: 'Add 2 and 3.', target: '5' }],
        solver: [useTools({ tools: [mcpTools(server)] }), generate()],
        scorer: includes(),
      }),
      { model, logDir, logFormat: 'json' },
    );
    expect(log?.status).toBe('success');
    expect(model.calls[0]?.tools?.map((tool) => tool.name)).toEqual(['add', 'whoami', 'fail']);
    expect(model.calls[0]?.tools?.[0]?.parameters).toMatchObject({ type: 'object', properties: { a: { type: 'number' } }, required: ['a', 'b'] });
    const sample = (await readEvalLog({ path: log!.location! })).samples![0]!;
    const tools = sample.messages.filter((message) => message.role === 'tool');
    expect(tools.map((message) => [message.content, message.error?.message ?? null])).toEqual([
      ['5', null],
      ['you sent ***', null],
      ['', 'it broke'],
    ]);
    expect(seenAuthorization.at(-1)).toBe(`Bearer ${headerSecret}`);
    expect(await readFile(log!.location!, 'utf8')).not.toContain(headerSecret);
  });

  it('fails with an error naming the server but not the secret when it refuses the connection', async () => {
    const wrong = `wrong-${headerSecret}`;
    const server = mcpServerHttp({ url: `${url}?key=${wrong}`, headers: { Authorization: `Bearer ${wrong}` } });
    const error = await server.tools().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(McpServerError);
    const message = (error as McpServerError).message;
    expect(message).toMatch(/^MCP server "http:\/\/127\.0\.0\.1:\d+\/mcp\?key=\*\*\*" could not be started or reached/);
    expect(message).not.toContain(wrong);
    await server.close();
  });
});
