import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTranscript, type Transcript, type TranscriptEvent } from '../events/transcript.js';
import { applySampleFiles, decodeDataUri } from './apply-sample-files.js';
import { contentDisplay, recordingSandbox, shellQuote } from './recording-sandbox.js';
import type { SandboxEnvironment } from './sandbox-environment.js';
import { SandboxError } from './sandbox-error.js';

function collecting(): Transcript & { events: TranscriptEvent[] } {
  const events: TranscriptEvent[] = [];
  return { events, record: (event) => void events.push(event), span: (_options, fn) => fn() };
}

/** An environment that keeps files in a map and answers every command with its argv. */
function memoEnvironment(): SandboxEnvironment & { files: Map<string, string | Uint8Array> } {
  const files = new Map<string, string | Uint8Array>();
  return {
    files,
    async exec(cmd, options) {
      if (cmd[0] === 'fail') throw new SandboxError({ code: 'sandbox_timeout', message: 'Command timed out after 1 seconds.' });
      if (cmd[0] === 'exit') return { success: false, returncode: Number(cmd[1]), stdout: 'out', stderr: 'err' };
      return { success: true, returncode: 0, stdout: `${cmd.join(' ')}${options?.input ? ` <${String(options.input)}` : ''}`, stderr: '' };
    },
    async writeFile(file, contents) {
      files.set(file, contents);
    },
    async readFile(file: string): Promise<never> {
      const contents = files.get(file);
      if (contents === undefined) throw new SandboxError({ code: 'sandbox_file_not_found', message: `File '${file}' was not found.` });
      return contents as never;
    },
    connection: async () => ({ type: 'memo', command: 'memo attach' }),
  };
}

describe('recordingSandbox', () => {
  it('records exec, write_file and read_file as Inspect\'s SandboxEvent, env values left out', async () => {
    const transcript = collecting();
    const environment = recordingSandbox(memoEnvironment());
    await withTranscript(transcript, async () => {
      await environment.exec(['echo', "it's here", ''], { cwd: 'sub', env: { API_KEY: 'sk-secret' }, timeout: 5, input: 'piped' });
      await environment.exec(['exit', '3']);
      await environment.writeFile('a.txt', 'hello');
      await environment.writeFile('b.bin', new Uint8Array(2048));
      expect(await environment.readFile('a.txt')).toBe('hello');
    });
    const [exec, failed, write, binary, read] = transcript.events;
    expect(exec).toMatchObject({
      event: 'sandbox',
      action: 'exec',
      cmd: `echo 'it'"'"'s here' ''`,
      options: { cwd: 'sub', env: ['API_KEY'], timeout: 5 },
      input: 'piped',
      result: 0,
      output: "echo it's here  <piped",
    });
    expect(JSON.stringify(transcript.events)).not.toContain('sk-secret');
    expect(failed).toMatchObject({ action: 'exec', cmd: 'exit 3', options: {}, result: 3, output: 'err\n\nout' });
    expect(write).toMatchObject({ action: 'write_file', file: 'a.txt', input: 'hello' });
    expect(binary).toMatchObject({ action: 'write_file', file: 'b.bin', input: 'binary (2.00 KB)' });
    expect(read).toMatchObject({ action: 'read_file', file: 'a.txt', output: 'hello' });
    for (const event of transcript.events) expect(event).toMatchObject({ timestamp: expect.any(String), completed: expect.any(String) });
  });

  it('records a failed operation with its error, and rethrows it', async () => {
    const transcript = collecting();
    const environment = recordingSandbox(memoEnvironment());
    await withTranscript(transcript, async () => {
      await expect(environment.exec(['fail'])).rejects.toMatchObject({ code: 'sandbox_timeout' });
      await expect(environment.readFile('missing.txt')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
    });
    expect(transcript.events).toEqual([
      expect.objectContaining({
        action: 'exec',
        cmd: 'fail',
        output: 'Command timed out after 1 seconds.',
        metadata: { error: { code: 'sandbox_timeout', message: 'Command timed out after 1 seconds.' } },
      }),
      expect.objectContaining({ action: 'read_file', file: 'missing.txt', metadata: { error: expect.objectContaining({ code: 'sandbox_file_not_found' }) } }),
    ]);
    expect(transcript.events[0]).not.toHaveProperty('result');
  });

  it('truncates long content as Inspect does: 20 lines, 10,000 characters', () => {
    const lines = Array.from({ length: 25 }, (_, index) => `line ${index + 1}`).join('\n');
    expect(contentDisplay(lines)).toBe(`${lines.split('\n').slice(0, 20).join('\n')}\n\nOutput truncated (5 additional lines)`);
    expect(contentDisplay('x'.repeat(20_000))).toBe(`${'x'.repeat(9_997)}...`);
    expect(contentDisplay('a\nb\n')).toBe('a\nb\n');
    expect(shellQuote(['ls', '-la', '/tmp/a b', '$HOME'])).toBe("ls -la '/tmp/a b' '$HOME'");
  });
});

describe('applySampleFiles', () => {
  it('writes to a named environment with name:path, reads host directories whole, and decodes data URIs', async () => {
    const host = await mkdtemp(path.join(os.tmpdir(), 'assay-files-'));
    await mkdir(path.join(host, 'tree/sub'), { recursive: true });
    await writeFile(path.join(host, 'tree/top.txt'), 'top');
    await writeFile(path.join(host, 'tree/sub/deep.txt'), 'deep');
    const web = memoEnvironment();
    const attacker = memoEnvironment();
    await applySampleFiles({
      environments: { attacker, web },
      defaultName: 'attacker',
      files: { 'web:/srv/index.html': '<h1>hi</h1>', ctf: 'tree', 'note.txt': 'data:,a%2Fb' },
      sampleId: 7,
      baseDir: host,
    });
    expect(web.files.get('/srv/index.html')).toBe('<h1>hi</h1>');
    expect([...attacker.files.keys()].sort()).toEqual(['ctf/sub/deep.txt', 'ctf/top.txt', 'note.txt']);
    expect(Buffer.from(attacker.files.get('ctf/sub/deep.txt') as Uint8Array).toString()).toBe('deep');
    expect(Buffer.from(decodeDataUri('data:,a%2Fb')!).toString()).toBe('a/b');
    expect(decodeDataUri('plain text')).toBeUndefined();
    await expect(
      applySampleFiles({ environments: { attacker }, defaultName: 'attacker', files: { 'db:dump.sql': 'x' }, sampleId: 7, baseDir: host }),
    ).rejects.toMatchObject({
      code: 'sandbox_setup_failed',
      message: expect.stringMatching(/^Sample 7: its file "db:dump.sql" names the sandbox environment "db", which it does not have \(it has attacker\)/),
    });
    await rm(host, { recursive: true, force: true });
  });
});
