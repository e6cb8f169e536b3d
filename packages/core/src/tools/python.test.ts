import type { ChatMessageAssistant } from '@assay/model/spec';
import { describe, expect, it } from 'vitest';
import { withLocalSandbox } from '../../test/local-sandbox-fixture.js';
import { executeToolCalls } from './execute-tool-calls.js';
import { python } from './python.js';

function call(code: string): ChatMessageAssistant {
  return { role: 'assistant', content: '', tool_calls: [{ id: 'call-1', function: 'python', arguments: { code }, type: 'function' }] };
}

describe('python', () => {
  it('pipes the code to python3 in the sandbox and returns what it printed', async () => {
    await withLocalSandbox(async (environments) => {
      await environments.default!.writeFile('data.txt', '21');
      const result = await python().execute({ code: 'import sys\nprint(int(open("data.txt").read()) * 2)\nprint(sys.argv)' }, {});
      expect(result).toBe("42\n['-']\n");
    });
  });

  it('returns a traceback (stderr) before the output printed so far', async () => {
    await withLocalSandbox(async () => {
      const result = await python().execute({ code: 'print("before")\n1 / 0' }, {});
      expect(result).toMatch(/^Traceback \(most recent call last\):\n[\s\S]*ZeroDivisionError: division by zero\n\nbefore\n$/);
    });
  });

  it('tells the model the code timed out', async () => {
    await withLocalSandbox(async () => {
      const [message] = await executeToolCalls({ message: call('import time\ntime.sleep(30)'), tools: [python({ timeout: 1 })] });
      expect(message?.error).toEqual({ type: 'timeout', message: 'Command timed out before completing.' });
    });
  });
});
