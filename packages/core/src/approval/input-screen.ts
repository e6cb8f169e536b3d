import { createInterface, type Interface } from 'node:readline';
import { ApprovalError } from './approval-error.js';

/** What a progress display does while a human is asked something: step aside, then come back. */
export interface InputScreenHooks {
  /** Called before the question is shown: stop redrawing and clear what is on screen. */
  pause(): void;
  /** Called after the answer: draw again. */
  resume(): void;
}

/** The terminal a human approver talks through. */
export interface InputTerminal {
  write(text: string): void;
  /** Shows `prompt` and resolves with the next line typed (or piped) on standard input. */
  question(prompt: string): Promise<string>;
}

const registered = new Set<InputScreenHooks>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Registers a display that must step aside while a human is asked for input (the CLI's progress display does).
 * @returns a function that unregisters it
 */
export function onInputScreen(hooks: InputScreenHooks): () => void {
  registered.add(hooks);
  return () => registered.delete(hooks);
}

// One reader of standard input for the whole process, holding lines typed ahead: a readline interface made per
// question would drop what it had read past the first line of piped input.
let reader: Interface | undefined;
let closed = false;
const lines: string[] = [];
const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];

function inputClosed(): ApprovalError {
  return new ApprovalError({
    code: 'approval_input_closed',
    message: 'Standard input closed while waiting for a human approval decision; run interactively or pipe the answers in.',
  });
}

function nextLine(): Promise<string> {
  const line = lines.shift();
  if (line !== undefined) return Promise.resolve(line);
  if (closed) return Promise.reject(inputClosed());
  if (!reader) {
    reader = createInterface({ input: process.stdin, terminal: false });
    reader.on('line', (text) => {
      const waiter = waiting.shift();
      if (waiter) waiter.resolve(text);
      else lines.push(text);
      if (waiting.length === 0) reader?.pause();
    });
    reader.on('close', () => {
      closed = true;
      for (const waiter of waiting.splice(0)) waiter.reject(inputClosed());
    });
  }
  reader.resume();
  return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}

const terminal: InputTerminal = {
  write: (text) => {
    process.stderr.write(text);
  },
  question: async (prompt) => {
    process.stderr.write(prompt);
    return nextLine();
  },
};

/**
 * Runs `fn` with the terminal to itself: one question at a time across concurrent samples, with registered displays
 * paused meanwhile (Inspect's `input_screen`).
 */
export function withInputScreen<TResult>(fn: (terminal: InputTerminal) => Promise<TResult>): Promise<TResult> {
  const run = async (): Promise<TResult> => {
    for (const hooks of registered) hooks.pause();
    try {
      return await fn(terminal);
    } finally {
      for (const hooks of registered) hooks.resume();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
