import { posix } from 'node:path';
import { z } from 'zod';
import type { SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import { defineTool } from './define-tool.js';
import { expandTabs } from './expand-tabs.js';
import { editorFiles, type EditorFiles } from './text-editor-files.js';
import type { Tool } from './tool.js';
import { ToolError } from './tool-error.js';
import { toolSandbox } from './tool-sandbox.js';

/** Options of {@link textEditor} (Inspect's `text_editor()` arguments). */
export interface TextEditorOptions {
  /** Seconds each step may take. @default 180 */
  timeout?: number;
  /** The user to read and write files as (files are then read and written through `exec`). */
  user?: string;
}

/** Edits `undo_edit` can take back, per file (Inspect's `MAX_HISTORY_ENTRIES_PER_FILE`). */
const maxHistoryPerFile = 10;
const snippetLines = 4;
const maxResponseLength = 16000;
const truncatedMessage =
  '<response clipped><NOTE>To save on context only part of this file has been shown to you. You should retry this tool after you have searched inside the file with `grep -n` in order to find the line numbers of what you are looking for.</NOTE>';

/** The file's text before an edit, or `created` for a file the editor created (undo deletes it). */
type HistoryEntry = string | { created: true };

// Per environment, so per sample: a fresh sample gets fresh environments and an empty history.
const histories = new WeakMap<SandboxEnvironment, Map<string, HistoryEntry[]>>();

const parameters = z.object({
  command: z
    .enum(['view', 'create', 'str_replace', 'insert', 'undo_edit'])
    .describe(`The command to execute. Note: \`undo_edit\` retains only the last ${maxHistoryPerFile} edits per file.`),
  path: z.string().describe('Path to file or directory, e.g. `/repo/file.py` or `../repo`.'),
  file_text: z
    .string()
    .nullish()
    .describe('Required parameter of `create` command, with the content of the file to be created.'),
  insert_line: z
    .number()
    .int()
    .nullish()
    .describe('Required parameter of `insert` command. The `new_str` will be inserted AFTER the line `insert_line` of `path`.'),
  insert_text: z.string().nullish().describe('Required parameter of `insert` command containing the string to insert.'),
  new_str: z
    .string()
    .nullish()
    .describe(
      'Optional parameter of `str_replace` command containing the new string (if not given, no string will be added).',
    ),
  old_str: z
    .string()
    .nullish()
    .describe('Required parameter of `str_replace` command containing the string in `path` to replace.'),
  view_range: z
    .array(z.number().int())
    .nullish()
    .describe(
      'Optional parameter of `view` command when `path` points to a file. If none is given, the full file is shown. If provided, the file will be shown in the indicated line number range, e.g. [11, 12] will show lines 11 and 12. Indexing at 1 to start. Setting `[start_line, -1]` shows all lines from `start_line` to the end of the file.',
    ),
});

type Arguments = z.output<typeof parameters>;

/**
 * A tool for viewing, creating and editing files in the sample's sandbox (Inspect's `text_editor`, the
 * Anthropic-style editor): `view` (a file with line numbers, or a directory), `create`, `str_replace` (the old text
 * must occur exactly once), `insert` and `undo_edit`, with Inspect's messages.
 * @example useTools(bash(), textEditor())
 */
export function textEditor(options: TextEditorOptions = {}): Tool {
  const timeout = options.timeout ?? 180;
  return defineTool({
    name: 'text_editor',
    description: 'Use this function to execute text editing commands.',
    parameters,
    async execute(args, context) {
      const environment = toolSandbox(context);
      const files = editorFiles(environment, { user: options.user, timeout, signal: context.signal });
      let history = histories.get(environment);
      if (!history) histories.set(environment, (history = new Map()));
      const editor = { files, history };
      switch (args.command) {
        case 'view':
          return view(editor, args);
        case 'create':
          return create(editor, args);
        case 'str_replace':
          return strReplace(editor, args);
        case 'insert':
          return insert(editor, args);
        case 'undo_edit':
          return undoEdit(editor, args);
      }
    },
  });
}

interface Editor {
  files: EditorFiles;
  history: Map<string, HistoryEntry[]>;
}

async function validatedPath(editor: Editor, path: string, command: Arguments['command']): Promise<{ path: string; isDirectory: boolean }> {
  const resolved = await editor.files.resolve(path);
  if (resolved.kind === 'missing' && command !== 'create') {
    throw new ToolError(`The path ${resolved.path} does not exist. Please provide a valid path.`);
  }
  if (resolved.kind !== 'missing' && command === 'create') {
    throw new ToolError(`File already exists at: ${resolved.path}. Cannot overwrite files using command \`create\`.`);
  }
  if (resolved.kind === 'directory' && command !== 'view') {
    throw new ToolError(`The path ${resolved.path} is a directory and only the \`view\` command can be used on directories`);
  }
  return { path: resolved.path, isDirectory: resolved.kind === 'directory' };
}

async function view(editor: Editor, args: Arguments): Promise<string> {
  const { path, isDirectory } = await validatedPath(editor, args.path, 'view');
  if (isDirectory) {
    const listing = (await editor.files.list(path))
      .trim()
      .split('\n')
      .map((line) => posix.normalize(line).replace(/(.)\/$/, '$1'))
      .join('\n');
    return `Here are the files and directories up to 2 levels deep in ${path}, excluding hidden items:\n${listing}\n`;
  }
  let content = await editor.files.read(path);
  let initLine = 1;
  const range = args.view_range;
  if (range) {
    if (range.length !== 2) throw new ToolError('Invalid `view_range`. It should be a list of two integers.');
    const lines = content.split('\n');
    const first = range[0] as number;
    let last = range[1] as number;
    if (first < 1 || first > lines.length) {
      throw new ToolError(
        `Invalid \`view_range\`: ${pyList(range)}. Its first element \`${first}\` should be within the range of lines of the file: ${pyList([1, lines.length])}`,
      );
    }
    // A last line past the end shows to the end of the file.
    if (last > lines.length) last = -1;
    if (last !== -1 && last < first) {
      throw new ToolError(
        `Invalid \`view_range\`: ${pyList(range)}. Its second element \`${last}\` should be larger or equal than its first \`${first}\``,
      );
    }
    content = (last === -1 ? lines.slice(first - 1) : lines.slice(first - 1, last)).join('\n');
    initLine = first;
  }
  return catN(content, path, initLine);
}

async function create(editor: Editor, args: Arguments): Promise<string> {
  if (args.file_text === undefined || args.file_text === null) {
    throw new ToolError('Parameter `file_text` is required for command: create');
  }
  const { path } = await validatedPath(editor, args.path, 'create');
  await editor.files.write(path, args.file_text);
  addHistory(editor, path, { created: true });
  return `File created successfully at: ${path}`;
}

async function strReplace(editor: Editor, args: Arguments): Promise<string> {
  if (!args.old_str) {
    throw new ToolError(
      'str_replace: The `old_str` parameter cannot be empty. Consider using the `insert` command instead.',
    );
  }
  const { path } = await validatedPath(editor, args.path, 'str_replace');
  const content = expandTabs(await editor.files.read(path));
  const oldStr = expandTabs(args.old_str);
  const newStr = expandTabs(args.new_str ?? '');
  const parts = content.split(oldStr);
  if (parts.length === 1) {
    throw new ToolError(`No replacement was performed, old_str \`${oldStr}\` did not appear verbatim in ${path}.`);
  }
  if (parts.length > 2) {
    const lines = content
      .split('\n')
      .flatMap((line, index) => (line.includes(oldStr) ? [index + 1] : []));
    throw new ToolError(
      `No replacement was performed. Multiple occurrences of old_str \`${oldStr}\` in lines ${pyList(lines)}. Please ensure it is unique`,
    );
  }
  const updated = parts.join(newStr);
  await editor.files.write(path, updated);
  addHistory(editor, path, content);
  const replacementLine = (parts[0] as string).split('\n').length - 1;
  const start = Math.max(0, replacementLine - snippetLines);
  const end = replacementLine + snippetLines + newStr.split('\n').length - 1;
  const snippet = updated.split('\n').slice(start, end + 1).join('\n');
  return (
    `The file ${path} has been edited. ` +
    catN(snippet, `a snippet of ${path}`, start + 1) +
    'Review the changes and make sure they are as expected. Edit the file again if necessary.'
  );
}

async function insert(editor: Editor, args: Arguments): Promise<string> {
  const text = args.new_str ?? args.insert_text;
  if (args.insert_line === undefined || args.insert_line === null) {
    throw new ToolError('Parameter `insert_line` is required for command: insert');
  }
  if (text === undefined || text === null) throw new ToolError('Parameter `new_str` is required for command: insert');
  const { path } = await validatedPath(editor, args.path, 'insert');
  const content = expandTabs(await editor.files.read(path));
  const lines = content.split('\n');
  const at = args.insert_line;
  if (at < 0 || at > lines.length) {
    throw new ToolError(
      `Invalid \`insert_line\` parameter: ${at}. It should be within the range of lines of the file: ${pyList([0, lines.length])}`,
    );
  }
  const inserted = expandTabs(text).split('\n');
  const updated = [...lines.slice(0, at), ...inserted, ...lines.slice(at)].join('\n');
  const snippet = [...lines.slice(Math.max(0, at - snippetLines), at), ...inserted, ...lines.slice(at, at + snippetLines)];
  await editor.files.write(path, updated);
  addHistory(editor, path, content);
  return (
    `The file ${path} has been edited. ` +
    catN(snippet.join('\n'), 'a snippet of the edited file', Math.max(1, at - snippetLines + 1)) +
    'Review the changes and make sure they are as expected (correct indentation, no duplicate lines, etc). Edit the file again if necessary.'
  );
}

async function undoEdit(editor: Editor, args: Arguments): Promise<string> {
  const { path } = await validatedPath(editor, args.path, 'undo_edit');
  const entry = editor.history.get(path)?.pop();
  if (entry === undefined) {
    throw new ToolError(
      `No edit history found for ${path}. The text editor only retains the last ${maxHistoryPerFile} edits per file.`,
    );
  }
  if (typeof entry !== 'string') {
    await editor.files.remove(path);
    return `File deleted at: ${path}`;
  }
  await editor.files.write(path, entry);
  return `Last edit to ${path} undone successfully. ${catN(entry, path)}`;
}

function addHistory(editor: Editor, path: string, entry: HistoryEntry): void {
  const entries = editor.history.get(path) ?? [];
  entries.push(entry);
  editor.history.set(path, entries.slice(-maxHistoryPerFile));
}

/** `content` numbered as `cat -n` does, under Inspect's heading; long content is clipped with a note. */
function catN(content: string, descriptor: string, initLine = 1): string {
  const clipped = content.length > maxResponseLength ? content.slice(0, maxResponseLength) + truncatedMessage : content;
  const numbered = expandTabs(clipped)
    .split('\n')
    .map((line, index) => `${String(index + initLine).padStart(6)}\t${line}`)
    .join('\n');
  return `Here's the result of running \`cat -n\` on ${descriptor}:\n${numbered}\n`;
}

/** A list of numbers as Python prints it (`[1, 2]`), as Inspect's messages show them. */
function pyList(values: readonly number[]): string {
  return `[${values.join(', ')}]`;
}
