import type { ChatMessageAssistant } from '@assay/model/spec';
import { describe, expect, it } from 'vitest';
import { withLocalSandbox } from '../../test/local-sandbox-fixture.js';
import { bash } from './bash.js';
import { executeToolCalls } from './execute-tool-calls.js';

function call(command: string): ChatMessageAssistant {
  return { role: 'assistant', content: '', tool_calls: [{ id: 'call-1', function: 'bash', arguments: { command }, type: 'function' }] };
}

describe('bash', () => {
  it('runs the command in the sample sandbox and returns stderr, a newline, then stdout, whatever the exit status', async () => {
    await withLocalSandbox(async (environments) => {
      await environments.default!.writeFile('flag.txt', 'FLAG{1}');
      const tool = bash();
      expect(await tool.execute({ command: 'cat flag.txt' }, {})).toBe('FLAG{1}');
      expect(await tool.execute({ command: 'echo out; echo err >&2; exit 3' }, {})).toBe('err\n\nout\n');
      expect(await tool.execute({ command: 'cat missing.txt' }, {})).toBe('cat: missing.txt: No such file or directory\n\n');
    });
  });

  it('runs in the named environment given as `sandbox`', async () => {
    await withLocalSandbox(
      async (environments) => {
        await environments.victim!.writeFile('only-here.txt', 'victim');
        expect(await bash({ sandbox: 'victim' }).execute({ command: 'cat only-here.txt' }, {})).toBe('victim');
        expect(await bash().execute({ command: 'ls' }, {})).toBe('');
      },
      ['attacker', 'victim'],
    );
  });

  it('tells the model a command timed out, and kills it with its children', async () => {
    await withLocalSandbox(async () => {
      const [message] = await executeToolCalls({
        message: call('(sleep 29.123; touch late-child) & sleep 29.123; touch late'),
        tools: [bash({ timeout: 1 })],
      });
      expect(message?.error).toEqual({ type: 'timeout', message: 'Command timed out before completing.' });
      expect(await bash().execute({ command: 'ls; pgrep -f "^sleep 29[.]123$" || echo none' }, {})).toBe('none\n');
    });
  });

  it('passes the abort signal to exec: cancelling the sample kills the command and ends the call with an error', async () => {
    await withLocalSandbox(async (environments) => {
      const controller = new AbortController();
      const running = executeToolCalls({ message: call('touch started; sleep 29.654'), tools: [bash()], signal: controller.signal });
      const settled = running.catch((thrown: unknown) => thrown);
      while (!(await environments.default!.exec(['ls']).then((result) => result.stdout.includes('started')))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      controller.abort();
      expect(await settled).toMatchObject({ code: 'sandbox_timeout', message: 'The command was cancelled.' });
      expect(await bash().execute({ command: 'pgrep -f "^sleep 29[.]654$" || echo none' }, {})).toBe('none\n');
    });
  });

  it('truncates long output for the model with a note', async () => {
    await withLocalSandbox(async () => {
      const [message] = await executeToolCalls({ message: call('head -c 20000 /dev/zero | tr "\\0" x'), tools: [bash()] });
      expect(message?.error).toBeUndefined();
      expect(message?.content).toBe(
        `The output of your call to bash was too long to be displayed.\nHere is a truncated version:\n<START_TOOL_OUTPUT>\n${'x'.repeat(16384)}\n<END_TOOL_OUTPUT>`,
      );
    });
  });

  it('reports output over the sandbox limit as a limit error, with the end of the output', async () => {
    await withLocalSandbox(async () => {
      const [message] = await executeToolCalls({
        message: call('head -c 11000000 /dev/zero | tr "\\0" a; echo END'),
        tools: [bash()],
        maxOutput: 0,
      });
      expect(message?.error).toEqual({ type: 'limit', message: 'The tool exceeded its output limit of 10 MiB.' });
      expect(String(message?.content).endsWith('aEND\n')).toBe(true);
    });
  });

  it('describes the background style when asked, mentioning the timeout', () => {
    expect(bash({ background: true, timeout: 60 }).info.description).toContain(
      'This tool terminates any command that runs longer than 60 seconds.',
    );
  });
});
