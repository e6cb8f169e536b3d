import { lstat, open, readFile, realpath } from 'node:fs/promises';
import { hostname } from 'node:os';
import { sep } from 'node:path';
import { liveSampleBufferPaths, type LiveSampleBufferPaths } from '@assay/core';
import { liveSamplesManifestSchema, parseLogJson, type LiveSamplesManifest, type PendingSampleData, type PendingSamples } from '@assay/core/log';
import { resolveSafePath, type UnsafePathReason } from './resolve-safe-path.js';

/** Seconds the viewer is told to wait between polls of a running log's samples. */
const REFRESH_SECONDS = 1;
/** A manifest larger than this is not read (it lists the samples in flight, a few KB). */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
/** Bytes of events sent in one answer at most; the viewer asks again from the last event it got. */
const MAX_EVENT_BYTES = 4 * 1024 * 1024;
/** The ETag of "no samples in flight". */
const NONE_ETAG = '"none"';

/** Where each sample file's lines start, kept between polls so each poll reads only what was appended. */
export type LiveEventIndex = Map<string, { size: number; starts: number[]; end: number }>;

/** Why no live samples were read: the log path was refused (a log without a live buffer is not refused: none are in flight). */
export type LiveSamplesRefusal = { refused: UnsafePathReason };

/** The live buffer of a log named in a request (decoded), when the log is inside `logDir` and its run is alive. */
async function openBuffer(options: {
  logDir: string;
  log: string;
}): Promise<{ paths: LiveSampleBufferPaths; manifest: LiveSamplesManifest; etag: string } | { absent: true } | LiveSamplesRefusal> {
  // The name is judged exactly as a request for the log file itself is: the buffer is found from the log's real path.
  const resolved = await resolveSafePath({ root: options.logDir, encodedPath: options.log.split('/').map(encodeURIComponent).join('/'), accept: /\.(eval|json)$/i });
  if ('refused' in resolved) return resolved;
  const paths = liveSampleBufferPaths({ logPath: resolved.path });
  const root = await realpath(options.logDir);
  const dir = await realpath(paths.dir).catch(() => undefined);
  // No buffer: the log is finished, or none of its samples has run long enough to be shown.
  if (!dir) return { absent: true };
  if (!dir.startsWith(root + sep)) return { refused: 'forbidden' };
  try {
    const stats = await lstat(paths.manifest);
    if (!stats.isFile() || stats.size > MAX_MANIFEST_BYTES) return { absent: true };
    const manifest = liveSamplesManifestSchema.parse(parseLogJson({ text: await readFile(paths.manifest, 'utf8') }));
    // A buffer left by a run that was killed on this machine shows nothing (the log shows what it had written).
    if (manifest.host === hostname() && !processAlive(manifest.pid)) return { absent: true };
    return { paths, manifest, etag: `"${stats.mtimeMs.toString(36)}-${stats.size.toString(36)}"` };
  } catch {
    // Not there yet, or unreadable: nothing in flight to show.
    return { absent: true };
  }
}

/** The samples in flight of a running log (Inspect's `/api/pending-samples`); `notModified` when `etag` still holds. */
export async function readPendingSamples(options: { logDir: string; log: string; etag?: string }): Promise<PendingSamples | { notModified: true } | LiveSamplesRefusal> {
  const buffer = await openBuffer(options);
  if ('refused' in buffer) return buffer;
  if ('absent' in buffer) return options.etag === NONE_ETAG ? { notModified: true } : { samples: [], refresh: REFRESH_SECONDS, etag: NONE_ETAG };
  if (options.etag === buffer.etag) return { notModified: true };
  return { samples: buffer.manifest.samples, refresh: REFRESH_SECONDS, etag: buffer.etag };
}

/** The events of a sample in flight after the event `lastEventId` (Inspect's `/api/pending-sample-data`). */
export async function readPendingSampleData(options: {
  logDir: string;
  log: string;
  id: string;
  epoch: number;
  lastEventId?: number;
  index: LiveEventIndex;
}): Promise<PendingSampleData | LiveSamplesRefusal> {
  const buffer = await openBuffer(options);
  if ('refused' in buffer) return buffer;
  // A sample no longer in flight is complete: the viewer finds it in the log.
  if ('absent' in buffer) return { events: [], attachments: [], completed: true };
  const sample = buffer.manifest.samples.find((item) => String(item.id) === options.id && item.epoch === options.epoch);
  if (!sample) return { events: [], attachments: [], completed: true };
  // The file's name is a hash of the sample's id and epoch, never a name from the request or the manifest.
  const file = buffer.paths.sampleFile(sample);
  const stats = await lstat(file).catch(() => undefined);
  if (!stats?.isFile()) return { events: [], attachments: [], completed: sample.completed };
  // A retry is written afresh, under the attempt's own start time.
  const key = `${file}\u0000${sample.started_at ?? ''}`;
  const handle = await open(file, 'r');
  try {
    let known = options.index.get(key);
    if (!known || stats.size < known.size) known = { size: 0, starts: [], end: 0 };
    // Forgets finished samples now and then (a long `assay view` sees many).
    if (options.index.size > 1000) options.index.clear();
    if (stats.size > known.end) {
      const appended = Buffer.alloc(stats.size - known.end);
      await handle.read(appended, 0, appended.length, known.end);
      let lineStart = known.end;
      for (let offset = 0; offset < appended.length; offset++) {
        if (appended[offset] !== 0x0a) continue;
        known.starts.push(lineStart);
        lineStart = known.end + offset + 1;
      }
      // Only whole lines count: a line still being written is read at the next poll.
      known = { size: stats.size, starts: known.starts, end: lineStart };
      options.index.set(key, known);
    }
    const first = options.lastEventId === undefined ? 0 : options.lastEventId + 1;
    const { starts } = known;
    if (first >= starts.length) return { events: [], attachments: [], completed: sample.completed };
    let last = starts.length;
    const from = starts[first]!;
    while (last > first + 1 && (starts[last] ?? known.end) - from > MAX_EVENT_BYTES) last--;
    const to = starts[last] ?? known.end;
    const bytes = Buffer.alloc(to - from);
    await handle.read(bytes, 0, bytes.length, from);
    const lines = bytes.toString('utf8').split('\n');
    const events: PendingSampleData['events'] = [];
    for (let index = first; index < last; index++) {
      events.push({ id: index, event: parseLogJson({ text: lines[index - first]! }) as PendingSampleData['events'][number]['event'] });
    }
    // Completed only once every event has been sent.
    return { events, attachments: [], completed: sample.completed && last === starts.length };
  } finally {
    await handle.close();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
