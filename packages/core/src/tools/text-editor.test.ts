import type { ChatMessageAssistant } from '@assay/model/spec';
import { describe, expect, it } from 'vitest';
import { withLocalSandbox } from '../../test/local-sandbox-fixture.js';
import type { SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import { executeToolCalls } from './execute-tool-calls.js';
import { textEditor } from './text-editor.js';
import type { ToolResult } from './tool.js';
import { ToolError } from './tool-error.js';

const editor = textEditor();

function edit(args: Record<string, unknown>): Promise<ToolResult> {
  return editor.execute(args, {});
}

async function failure(args: Record<string, unknown>): Promise<string> {
  const error = await edit(args).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ToolError);
  return (error as ToolError).message;
}

async function workDir(environment: SandboxEnvironment): Promise<string> {
  return (await environment.exec(['pwd', '-P'])).stdout.trim();
}

describe('textEditor', () => {
  it('creates, views (whole, a range, a directory) and refuses to overwrite with create', async () => {
    await withLocalSandbox(async (environments) => {
      const dir = await workDir(environments.default!);
      expect(await edit({ command: 'create', path: 'src/app.py', file_text: 'a = 1\nb = 2\n\tc = 3\nd = 4' })).toBe(
        `File created successfully at: ${dir}/src/app.py`,
      );
      expect(await environments.default!.readFile('src/app.py')).toBe('a = 1\nb = 2\n\tc = 3\nd = 4');
      expect(await edit({ command: 'view', path: `${dir}/src/app.py` })).toBe(
        `Here's the result of running \`cat -n\` on ${dir}/src/app.py:\n     1\ta = 1\n     2\tb = 2\n     3\t        c = 3\n     4\td = 4\n`,
      );
      expect(await edit({ command: 'view', path: 'src/app.py', view_range: [2, 3] })).toBe(
        `Here's the result of running \`cat -n\` on ${dir}/src/app.py:\n     2\tb = 2\n     3\t        c = 3\n`,
      );
      expect(await edit({ command: 'view', path: 'src/app.py', view_range: [3, -1] })).toBe(
        `Here's the result of running \`cat -n\` on ${dir}/src/app.py:\n     3\t        c = 3\n     4\td = 4\n`,
      );
      await environments.default!.writeFile('.hidden/secret.txt', 'x');
      await environments.default!.writeFile('src/deep/er/file.txt', 'x');
      const listing = await edit({ command: 'view', path: '.' });
      expect(listing).toMatch(new RegExp(`^Here are the files and directories up to 2 levels deep in ${dir}, excluding hidden items:\n`));
      expect(String(listing).trim().split('\n').slice(1).sort()).toEqual([dir, `${dir}/src`, `${dir}/src/app.py`, `${dir}/src/deep`]);
      expect(await failure({ command: 'create', path: 'src/app.py', file_text: 'again' })).toBe(
        `File already exists at: ${dir}/src/app.py. Cannot overwrite files using command \`create\`.`,
      );
    });
  });

  it('tells the model what is wrong with a path or a view range', async () => {
    await withLocalSandbox(async (environments) => {
      const dir = await workDir(environments.default!);
      await environments.default!.writeFile('notes.txt', 'one\ntwo\nthree');
      expect(await failure({ command: 'view', path: 'missing.txt' })).toBe(
        `The path ${dir}/missing.txt does not exist. Please provide a valid path.`,
      );
      expect(await failure({ command: 'str_replace', path: '.', old_str: 'x' })).toBe(
        `The path ${dir} is a directory and only the \`view\` command can be used on directories`,
      );
      expect(await failure({ command: 'view', path: 'notes.txt', view_range: [0, 2] })).toBe(
        'Invalid `view_range`: [0, 2]. Its first element `0` should be within the range of lines of the file: [1, 3]',
      );
      expect(await failure({ command: 'view', path: 'notes.txt', view_range: [3, 2] })).toBe(
        'Invalid `view_range`: [3, 2]. Its second element `2` should be larger or equal than its first `3`',
      );
      expect(await failure({ command: 'view', path: 'notes.txt', view_range: [1] })).toBe(
        'Invalid `view_range`. It should be a list of two integers.',
      );
      expect(await edit({ command: 'view', path: 'notes.txt', view_range: [2, 99] })).toBe(
        `Here's the result of running \`cat -n\` on ${dir}/notes.txt:\n     2\ttwo\n     3\tthree\n`,
      );
    });
  });

  it('replaces a unique string and refuses a missing, repeated or empty one, as Inspect words it', async () => {
    await withLocalSandbox(async (environments) => {
      const dir = await workDir(environments.default!);
      const lines = Array.from({ length: 12 }, (_, index) => `line ${index + 1}`);
      lines[9] = 'flag = "wrong"';
      await environments.default!.writeFile('config.py', `${lines.join('\n')}\nx = 1\nx = 1\n`);
      expect(await edit({ command: 'str_replace', path: 'config.py', old_str: 'flag = "wrong"', new_str: 'flag = "$&right"\nok = True' })).toBe(
        `The file ${dir}/config.py has been edited. Here's the result of running \`cat -n\` on a snippet of ${dir}/config.py:\n` +
          '     6\tline 6\n     7\tline 7\n     8\tline 8\n     9\tline 9\n    10\tflag = "$&right"\n    11\tok = True\n    12\tline 11\n    13\tline 12\n    14\tx = 1\n    15\tx = 1\n' +
          'Review the changes and make sure they are as expected. Edit the file again if necessary.',
      );
      expect(await environments.default!.readFile('config.py')).toContain('flag = "$&right"\nok = True\nline 11');
      expect(await failure({ command: 'str_replace', path: 'config.py', old_str: 'flag = "missing"' })).toBe(
        `No replacement was performed, old_str \`flag = "missing"\` did not appear verbatim in ${dir}/config.py.`,
      );
      expect(await failure({ command: 'str_replace', path: 'config.py', old_str: 'x = 1' })).toBe(
        'No replacement was performed. Multiple occurrences of old_str `x = 1` in lines [14, 15]. Please ensure it is unique',
      );
      expect(await failure({ command: 'str_replace', path: 'config.py', old_str: '' })).toBe(
        'str_replace: The `old_str` parameter cannot be empty. Consider using the `insert` command instead.',
      );
      expect(await edit({ command: 'str_replace', path: 'config.py', old_str: 'ok = True\n' })).toContain('has been edited.');
      expect(await environments.default!.readFile('config.py')).toContain('flag = "$&right"\nline 11');
    });
  });

  it('inserts after a line (new_str or insert_text) and checks the line number', async () => {
    await withLocalSandbox(async (environments) => {
      const dir = await workDir(environments.default!);
      await environments.default!.writeFile('list.txt', 'a\nb\nc');
      expect(await edit({ command: 'insert', path: 'list.txt', insert_line: 1, new_str: 'a2\na3' })).toBe(
        `The file ${dir}/list.txt has been edited. Here's the result of running \`cat -n\` on a snippet of the edited file:\n` +
          '     1\ta\n     2\ta2\n     3\ta3\n     4\tb\n     5\tc\n' +
          'Review the changes and make sure they are as expected (correct indentation, no duplicate lines, etc). Edit the file again if necessary.',
      );
      await edit({ command: 'insert', path: 'list.txt', insert_line: 0, insert_text: 'top' });
      expect(await environments.default!.readFile('list.txt')).toBe('top\na\na2\na3\nb\nc');
      expect(await failure({ command: 'insert', path: 'list.txt', insert_line: 7, new_str: 'x' })).toBe(
        'Invalid `insert_line` parameter: 7. It should be within the range of lines of the file: [0, 6]',
      );
    });
  });

  it('undoes edits one by one, deletes a file it created, and says when there is nothing to undo', async () => {
    await withLocalSandbox(async (environments) => {
      const dir = await workDir(environments.default!);
      await edit({ command: 'create', path: 'undo.txt', file_text: 'v1' });
      await edit({ command: 'str_replace', path: 'undo.txt', old_str: 'v1', new_str: 'v2' });
      await edit({ command: 'str_replace', path: 'undo.txt', old_str: 'v2', new_str: 'v3' });
      expect(await edit({ command: 'undo_edit', path: 'undo.txt' })).toBe(
        `Last edit to ${dir}/undo.txt undone successfully. Here's the result of running \`cat -n\` on ${dir}/undo.txt:\n     1\tv2\n`,
      );
      await edit({ command: 'undo_edit', path: 'undo.txt' });
      expect(await environments.default!.readFile('undo.txt')).toBe('v1');
      expect(await edit({ command: 'undo_edit', path: 'undo.txt' })).toBe(`File deleted at: ${dir}/undo.txt`);
      await expect(environments.default!.readFile('undo.txt')).rejects.toMatchObject({ code: 'sandbox_file_not_found' });
      await environments.default!.writeFile('plain.txt', 'p');
      expect(await failure({ command: 'undo_edit', path: 'plain.txt' })).toBe(
        `No edit history found for ${dir}/plain.txt. The text editor only retains the last 10 edits per file.`,
      );
    });
  });

  it('keeps no history across samples', async () => {
    await withLocalSandbox(async () => {
      await edit({ command: 'create', path: 'a.txt', file_text: '1' });
    });
    await withLocalSandbox(async (environments) => {
      await environments.default!.writeFile('a.txt', '2');
      expect(await failure({ command: 'undo_edit', path: 'a.txt' })).toMatch(/^No edit history found for /);
    });
  });

  it('reports a file that is not UTF-8 to the model as a decode error', async () => {
    await withLocalSandbox(async (environments) => {
      const dir = await workDir(environments.default!);
      await environments.default!.writeFile('binary.dat', new Uint8Array([0x66, 0x6c, 0xff, 0xfe, 0x00]));
      const message: ChatMessageAssistant = {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'c1', function: 'text_editor', arguments: { command: 'view', path: 'binary.dat' }, type: 'function' }],
      };
      const [result] = await executeToolCalls({ message, tools: [editor] });
      expect(result?.error).toEqual({
        type: 'unicode_decode',
        message: `Error decoding bytes to utf-8: File '${dir}/binary.dat' is not UTF-8 text.`,
      });
    });
  });
});
