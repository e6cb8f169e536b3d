import { AsyncLocalStorage } from 'node:async_hooks';

/** A server connection that scopes hold: it closes when the last scope holding it lets go. */
export interface McpServerLease {
  acquire(): void;
  release(): Promise<void>;
}

const activeScope = new AsyncLocalStorage<Set<McpServerLease>>();

/** Marks `lease` as used by the current scope (once per scope), so it is released when the scope ends. */
export function holdInCurrentScope(lease: McpServerLease): void {
  const scope = activeScope.getStore();
  if (!scope || scope.has(lease)) return;
  scope.add(lease);
  lease.acquire();
}

/**
 * Runs `fn`, then stops the MCP servers started inside it (also when it throws or is cancelled): the runner does this
 * per task, so servers start with the task's first use and stop with the task.
 */
export async function withMcpServers<TResult>(fn: () => Promise<TResult>): Promise<TResult> {
  const scope = new Set<McpServerLease>();
  try {
    return await activeScope.run(scope, fn);
  } finally {
    await Promise.all([...scope].map((lease) => lease.release().catch(() => undefined)));
  }
}
