import type { TaskState } from '../solver/task-state.js';

/** A copy of the parts of a sample's state that are logged (`sample_init`, and the diffs of `state` events). */
export interface StateSnapshot {
  messages: readonly Record<string, unknown>[];
  tools: readonly unknown[];
  tool_choice: unknown;
  store: Record<string, unknown>;
  output: unknown;
  completed: boolean;
  metadata: Record<string, unknown>;
}

/**
 * A copy of the state for `sample_init` and the JSON-patch diffs of `state` events. Messages and their fields are
 * copied one level deep (solvers append or replace messages); deeper values are shared, which the diff compares by
 * value, so only in-place edits nested inside a message part would be missed. A part that is unchanged since
 * `previous` (equal field by field) is that part of `previous` itself: the diff skips identical values at once
 * instead of comparing them key by key, and the log is the same as with a fresh copy.
 */
export function stateSnapshot(state: TaskState, previous?: StateSnapshot): StateSnapshot {
  const store = state.store.toJSON();
  return {
    messages: reuseList(
      previous?.messages,
      state.messages.map((message, index) => {
        const before = previous?.messages[index];
        return before && shallowEqual(before, message) ? before : { ...message };
      }),
    ),
    tools: reuseList(
      previous?.tools,
      state.tools.map((tool) => tool.info),
    ),
    tool_choice: state.toolChoice ?? null,
    store: previous && shallowEqual(previous.store, store) ? previous.store : store,
    output: state.output,
    completed: state.completed,
    metadata: previous && shallowEqual(previous.metadata, state.metadata) ? previous.metadata : { ...state.metadata },
  };
}

/** `previous` when `next` holds the same items, else `next`. */
function reuseList<TItem>(previous: readonly TItem[] | undefined, next: readonly TItem[]): readonly TItem[] {
  if (!previous || previous.length !== next.length) return next;
  for (let index = 0; index < next.length; index++) if (previous[index] !== next[index]) return next;
  return previous;
}

/** Whether two objects have the same own keys with identical values. */
function shallowEqual(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    if (!Object.hasOwn(right, key) || left[key] !== right[key]) return false;
    count++;
  }
  for (const key in right) if (Object.hasOwn(right, key)) count--;
  return count === 0;
}
