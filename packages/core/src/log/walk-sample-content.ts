// Applies a function to the strings of a sample that Inspect treats as content (message text, tool arguments, model
// calls, state changes, ...), in exactly the fields Inspect's `log/_condense.py` walks, so that what Assay moves to
// attachments is what Inspect would. Copy-on-write: a container is copied only when something inside it changed.

/** A record as it is in a log: JSON objects are walked as plain records. */
type JsonRecord = Record<string, unknown>;

/** Walks the content strings of events, messages and JSON values with one content function. */
export interface ContentWalker {
  event(event: unknown): unknown;
  events(events: readonly unknown[]): unknown[];
  message(message: unknown): unknown;
  messages(messages: readonly unknown[]): unknown[];
  json(value: unknown): unknown;
}

/**
 * Creates a walker that replaces each content string with `content(text)`. `content` must be a pure function of
 * its text: walked messages are cached by object identity.
 */
export function createContentWalker(content: (text: string) => string): ContentWalker {
  const walkedMessages = new WeakMap<object, unknown>();

  function json(value: unknown): unknown {
    if (typeof value === 'string') return content(value);
    if (Array.isArray(value)) return mapArray(value, json);
    if (isRecord(value)) return mapRecord(value, json);
    return value;
  }

  function message(value: unknown): unknown {
    if (!isRecord(value)) return value;
    const cached = walkedMessages.get(value);
    if (cached !== undefined) return cached;
    let walked: unknown;
    if (typeof value.content === 'string') {
      walked = update(value, { content: content(value.content) });
    } else if (Array.isArray(value.content)) {
      // As in Inspect, tool calls are walked only alongside list content.
      const toolCalls = value.role === 'assistant' && Array.isArray(value.tool_calls) ? mapArray(value.tool_calls, toolCall) : value.tool_calls;
      walked = update(value, { content: mapArray(value.content, contentItem), tool_calls: toolCalls });
    } else {
      walked = value;
    }
    walkedMessages.set(value, walked);
    return walked;
  }

  function messages(values: readonly unknown[]): unknown[] {
    return mapArray(values, message);
  }

  function toolCall(value: unknown): unknown {
    if (!isRecord(value)) return value;
    const view = isRecord(value.view) && typeof value.view.content === 'string' && value.view.content
      ? update(value.view, { content: content(value.view.content) })
      : value.view;
    return update(value, { arguments: json(value.arguments), view });
  }

  function contentItem(value: unknown): unknown {
    if (!isRecord(value)) return value;
    switch (value.type) {
      case 'text':
      case 'image':
      case 'audio':
      case 'video':
      case 'reasoning':
      case 'document': {
        const field = value.type;
        const text = value[field];
        return typeof text === 'string' ? update(value, { [field]: content(text) }) : value;
      }
      case 'tool_use':
        return update(value, {
          arguments: json(value.arguments),
          result: json(value.result),
          error: typeof value.error === 'string' && value.error ? content(value.error) : value.error,
        });
      case 'data':
        return update(value, { data: json(value.data) });
      default:
        return value;
    }
  }

  function event(value: unknown): unknown {
    if (!isRecord(value)) return value;
    switch (value.event) {
      case 'sample_init': {
        const sample = isRecord(value.sample) ? update(value.sample, { input: sampleInput(value.sample.input) }) : value.sample;
        return update(value, { sample, state: json(value.state) });
      }
      case 'model':
        return update(value, {
          tools: Array.isArray(value.tools) ? mapArray(value.tools, tool) : value.tools,
          input: Array.isArray(value.input) ? messages(value.input) : value.input,
          output: modelOutput(value.output),
          call: modelCall(value.call),
        });
      case 'state':
      case 'store':
        return update(value, { changes: Array.isArray(value.changes) ? mapArray(value.changes, change) : value.changes });
      case 'subtask':
        return update(value, { events: Array.isArray(value.events) ? events(value.events) : value.events });
      case 'tool':
        return update(value, {
          arguments: json(value.arguments),
          events: Array.isArray(value.events) ? events(value.events) : value.events,
        });
      case 'info':
        return update(value, { data: json(value.data) });
      default:
        return value;
    }
  }

  function events(values: readonly unknown[]): unknown[] {
    return mapArray(values, event);
  }

  function sampleInput(value: unknown): unknown {
    if (typeof value === 'string') return content(value);
    return Array.isArray(value) ? messages(value) : value;
  }

  function tool(value: unknown): unknown {
    return isRecord(value) && typeof value.description === 'string' ? update(value, { description: content(value.description) }) : value;
  }

  function modelOutput(value: unknown): unknown {
    if (!isRecord(value) || !Array.isArray(value.choices)) return value;
    const choices = mapArray(value.choices, (choice) => (isRecord(choice) ? update(choice, { message: message(choice.message) }) : choice));
    return update(value, { choices });
  }

  function modelCall(value: unknown): unknown {
    if (!isRecord(value)) return value;
    return update(value, { request: json(value.request), response: value.response ? json(value.response) : value.response });
  }

  function change(value: unknown): unknown {
    return isRecord(value) ? update(value, { value: json(value.value) }) : value;
  }

  return { event, events, message, messages, json };
}

/** Whether `value` is a JSON object. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `record` with the given fields replaced (only those it has, in place); `record` itself when none changed. */
export function update(record: JsonRecord, fields: JsonRecord): JsonRecord {
  let copy: JsonRecord | undefined;
  // The keys of `fields` are this module's own field names, never "__proto__", so assigning them is safe.
  for (const key in fields) {
    if (Object.hasOwn(record, key) && record[key] !== fields[key]) {
      copy ??= { ...record };
      copy[key] = fields[key];
    }
  }
  return copy ?? record;
}

function mapArray(values: readonly unknown[], walk: (value: unknown) => unknown): unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < values.length; index++) {
    const item = values[index];
    const next = walk(item);
    if (next !== item) {
      copy ??= values.slice();
      copy[index] = next;
    }
  }
  return copy ?? (values as unknown[]);
}

function mapRecord(record: JsonRecord, walk: (value: unknown) => unknown): JsonRecord {
  // Entries are only listed once something changed: most records of a sample have nothing to move.
  let copy: [string, unknown][] | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    const next = walk(item);
    if (copy) {
      copy.push([key, next]);
    } else if (next !== item) {
      copy = [];
      for (const earlier in record) {
        if (earlier === key) break;
        if (Object.hasOwn(record, earlier)) copy.push([earlier, record[earlier]]);
      }
      copy.push([key, next]);
    }
  }
  return copy ? Object.fromEntries(copy) : record;
}
