// Runs the documentation: every ```ts test block of docs/*.md is written to docs/.snippets/<page>/ and imported, so
// it runs against the real packages exactly as a user's file would; the snippets assert their own results. The
// ```sh test blocks run their `assay …` commands through the CLI, and every relative link must resolve.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const docsDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(docsDir);
const snippetsDir = path.join(docsDir, '.snippets');

/** A fenced code block of a page. */
interface CodeBlock {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Words of the info string after the language, e.g. `test`, `file=my-task.ts`. */
  language: string;
  attributes: string[];
  code: string;
}

function codeBlocks(page: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const open = /^(`{3,}|~{3,})\s*(\S*)\s*(.*)$/.exec(lines[index] as string);
    if (!open) continue;
    const fence = open[1] as string;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !(lines[end] as string).startsWith(fence)) body.push(lines[end++] as string);
    blocks.push({
      page,
      line: index + 1,
      language: open[2] as string,
      attributes: (open[3] as string).split(/\s+/).filter(Boolean),
      code: body.join('\n'),
    });
    index = end;
  }
  return blocks;
}

function isTested(block: CodeBlock): boolean {
  return block.attributes.includes('test');
}

function fileAttribute(block: CodeBlock): string | undefined {
  return block.attributes.find((attribute) => attribute.startsWith('file='))?.slice('file='.length);
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens. */
function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const counts = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const slug = headingSlug(heading[1] as string);
    const seen = counts.get(slug) ?? 0;
    slugs.add(seen === 0 ? slug : `${slug}-${seen}`);
    counts.set(slug, seen + 1);
  }
  return slugs;
}

/** Relative links of a page, outside code blocks and inline code. */
function relativeLinks(markdown: string): string[] {
  const links: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    for (const match of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] as string;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push(target);
    }
  }
  return links;
}

async function listing(directory: string): Promise<string[]> {
  return existsSync(directory) ? (await readdir(directory)).sort() : [];
}

const pageNames = (await readdir(docsDir)).filter((name) => name.endsWith('.md')).sort();
const pages = await Promise.all(
  pageNames.map(async (name) => ({ name, markdown: await readFile(path.join(docsDir, name), 'utf8') })),
);
const guidePages = pages.filter((page) => page.name !== 'README.md');
/** Every page a reader may copy a command or an import from: the guides, the provider pages and the root README. */
const readerPages = [
  ...pages,
  ...(await Promise.all(
    (await readdir(path.join(docsDir, 'providers')))
      .filter((name) => name.endsWith('.md'))
      .map(async (name) => ({ name: `providers/${name}`, markdown: await readFile(path.join(docsDir, 'providers', name), 'utf8') })),
  )),
  { name: '../README.md', markdown: await readFile(path.join(repoDir, 'README.md'), 'utf8') },
];

let logRoot: string;
const defaultLogDirs = [path.join(repoDir, 'logs'), path.join(docsDir, 'logs')];
const before = new Map<string, string[]>();

beforeAll(async () => {
  await rm(snippetsDir, { recursive: true, force: true });
  await writeSnippets();
  logRoot = await mkdtemp(path.join(os.tmpdir(), 'assay-docs-'));
  for (const directory of defaultLogDirs) before.set(directory, await listing(directory));
});

afterAll(async () => {
  await rm(logRoot, { recursive: true, force: true });
});

/** Fails when a snippet wrote a log to ./logs instead of the temporary log directory it was given. */
async function expectNoStrayLogs(): Promise<void> {
  for (const directory of defaultLogDirs) {
    expect(await listing(directory), `a snippet wrote to ${directory}`).toEqual(before.get(directory));
  }
}

/** A tested block and the file it runs from: docs/.snippets/<page>/<file= attribute or snippet-<n>.ts>. */
interface Snippet extends CodeBlock {
  file: string;
}

function snippetsOf(page: { name: string; markdown: string }): Snippet[] {
  const directory = path.join(snippetsDir, page.name.replace(/\.md$/, ''));
  let count = 0;
  return codeBlocks(page.name, page.markdown)
    .filter((block) => isTested(block) && (block.language === 'ts' || block.language === 'sh'))
    .map((block) => ({
      ...block,
      file: path.join(directory, block.language === 'ts' ? (fileAttribute(block) ?? `snippet-${++count}.ts`) : `commands-${block.line}.sh`),
    }));
}

const snippets = guidePages.flatMap(snippetsOf);

async function writeSnippets(): Promise<void> {
  for (const snippet of snippets) {
    await mkdir(path.dirname(snippet.file), { recursive: true });
    await writeFile(snippet.file, `${snippet.code}\n`);
  }
}

/** Splits a shell command line into words as a shell does: quoted parts group and join the text around them. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)].map((match) =>
    match[0].replace(/"([^"]*)"|'([^']*)'/g, (_quoted, double?: string, single?: string) => double ?? single ?? ''),
  );
}

describe.each(guidePages)('$name', (page) => {
  it('has at least one tested TypeScript snippet', () => {
    expect(snippetsOf(page).filter((snippet) => snippet.language === 'ts').length).toBeGreaterThan(0);
  });

  const pageSnippets = snippetsOf(page).map((snippet) => ({ ...snippet, label: `${page.name}:${snippet.line} (${snippet.language})` }));
  it.each(pageSnippets)('runs $label', async (snippet) => {
    // Logs go to a fresh $ASSAY_LOG_DIR, and the temporary files snippets make (os.tmpdir() reads $TMPDIR) go
    // beside them, so everything a snippet writes is removed with logRoot.
    const logDir = await mkdtemp(path.join(logRoot, `${page.name.replace(/\.md$/, '')}-${snippet.line}-`));
    const tmpDir = path.join(logDir, '.tmp');
    await mkdir(tmpDir);
    const previous = { ASSAY_LOG_DIR: process.env.ASSAY_LOG_DIR, TMPDIR: process.env.TMPDIR };
    process.env.ASSAY_LOG_DIR = logDir;
    process.env.TMPDIR = tmpDir;
    try {
      if (snippet.language === 'ts') await import(pathToFileURL(snippet.file).href);
      else await runCommands(snippet, logDir);
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    await expectNoStrayLogs();
  });
});

/** Runs the `assay …` lines of a shell block through the CLI; task files named in them come from `file=` snippets. */
async function runCommands(block: Snippet, logDir: string): Promise<void> {
  const { runCli } = await import('../packages/cli/src/run-cli.js');
  const directory = path.dirname(block.file);
  const commands = block.code
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx assay '));
  expect(commands.length, 'a sh test block needs npx assay commands').toBeGreaterThan(0);
  for (const command of commands) {
    const words = shellWords(command).slice(2);
    const argv = words.map((word, index) => {
      if (words[index - 1] === '--log-dir') return path.join(logDir, word);
      const [file, task] = word.split('@');
      const local = file ? path.join(directory, file) : '';
      return file && existsSync(local) && !word.startsWith('-') ? `${local}${task ? `@${task}` : ''}` : word;
    });
    const output: string[] = [];
    const code = await runCli({ argv, write: (line) => output.push(line), writeError: (line) => output.push(line) });
    expect(code, `${command}\n${output.join('\n')}`).toBe(0);
  }
}

/** The `assay` invocations of a page's shell blocks, each from `assay` on (comments, env and `npx ` left out). */
function cliInvocations(markdown: string): Array<{ line: string; npx: boolean }> {
  return codeBlocks('', markdown)
    .filter((block) => block.language === 'sh' || block.language === 'bash')
    .flatMap((block) => block.code.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, ''))
    .flatMap((line) => {
      const match = /(?:^|[\s;&|(])(npx\s+)?assay(\s.*|$)/.exec(line);
      return match && !/pnpm|alias/.test(line.slice(0, match.index)) ? [{ line: `assay${match[2] ?? ''}`.trim(), npx: match[1] !== undefined }] : [];
    });
}

describe('CLI commands in the docs', () => {
  it.each(readerPages.map((page) => ({ name: page.name, markdown: page.markdown })))(
    'of $name are written `npx assay` and use flags the command has',
    async ({ name, markdown }) => {
      const { runCli } = await import('../packages/cli/src/run-cli.js');
      for (const { line, npx } of cliInvocations(markdown)) {
        // One way to call the CLI: `npx assay` runs the repository's own (never the registry's) where docs say to.
        expect(npx, `${name}: "${line}" should be written "npx ${line}"`).toBe(true);
        const words = shellWords(line).slice(1);
        const commandPath = words.slice(0, words.findIndex((word) => word.startsWith('-')) >>> 0);
        const help: string[] = [];
        await runCli({ argv: [...commandPath, '--help'], write: (text) => help.push(text), writeError: (text) => help.push(text) });
        for (const flag of words.filter((word) => word.startsWith('--')).map((word) => word.split('=')[0]!)) {
          expect(help.join('\n'), `${name}: "${line}" uses ${flag}, which \`assay ${commandPath.join(' ')}\` does not have`).toMatch(
            new RegExp(`${flag}[\\s,<\\[]`),
          );
        }
      }
    },
  );
});

describe('imports in the docs', () => {
  it.each(readerPages.map((page) => ({ name: page.name, markdown: page.markdown })))(
    'of $name name what their module exports',
    async ({ name, markdown }) => {
      const blocks = codeBlocks(name, markdown).filter((block) => ['ts', 'tsx', 'js'].includes(block.language));
      for (const block of blocks) {
        for (const match of block.code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@assay\/[^']+)'/g)) {
          const module = (await import(match[2]!)) as Record<string, unknown>;
          const values = match[1]!
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== '' && !item.startsWith('type '))
            .map((item) => item.split(/\s+as\s+/)[0]!);
          for (const value of values) expect(module[value], `${name}:${block.line}: ${value} from ${match[2]}`).toBeDefined();
        }
      }
    },
  );
});

describe('links', () => {
  const anchorsByPage = new Map(pages.map((page) => [page.name, anchors(page.markdown)]));
  it.each(pages.map((page) => ({ name: page.name, markdown: page.markdown })))('of $name resolve', ({ name, markdown }) => {
    for (const link of relativeLinks(markdown)) {
      const [target = '', anchor] = link.split('#');
      const file = target === '' ? name : target;
      expect(existsSync(path.resolve(docsDir, file)), `${name}: ${link} (file)`).toBe(true);
      if (anchor && file.endsWith('.md') && !file.includes('/')) {
        expect(anchorsByPage.get(file)?.has(anchor), `${name}: ${link} (anchor)`).toBe(true);
      }
    }
  });

  it('README.md links every guide', () => {
    const readme = pages.find((page) => page.name === 'README.md');
    expect(readme).toBeDefined();
    for (const page of guidePages) expect(relativeLinks(readme!.markdown)).toContain(page.name);
  });
});

describe('snippets', () => {
  it('type-check', async () => {
    // Type errors are doc errors too: a reader copying the snippet into a TypeScript project would hit them.
    await writeFile(
      path.join(snippetsDir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.base.json',
        // A user's project is `strict` but rarely has noUncheckedIndexedAccess, which would put a `!` on every `[0]`.
        compilerOptions: { noEmit: true, types: ['node'], noUncheckedIndexedAccess: false },
        include: ['**/*.ts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', path.join(snippetsDir, 'tsconfig.json')]).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
