import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { openEvalLogArchive, parseEvalLogJson, toEvalLogInfo, type EvalLog } from '@assay/core/log';
import { openFileSource } from '@assay/core';
import { isLogJsonHead, LOG_JSON_HEAD_BYTES } from './is-log-json.js';
import { LISTING_FILE, type LogListing, type LogListingEntry } from '../shared/log-listing.js';

const LOG_EXTENSION = /\.(eval|json)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const CONCURRENCY = 8;

/** A cache of listing entries by path, reused while a file's size and mtime are unchanged. */
export type ListingCache = Map<string, { size: number; mtime: number; entry: LogListingEntry }>;

/** Lists every `.eval` / `.json` log (a `.json` only when it starts like one) under `logDir` (recursively, never following links out of it) with its header summary. */
export async function listLogDir(options: { logDir: string; cache?: ListingCache }): Promise<LogListing> {
  const root = await realpath(options.logDir);
  const cache = options.cache ?? new Map();
  const listing: LogListing = {};
  const names = (await walk(root, '')).sort();
  // Logs are read a few at a time (file opens overlap); the listing keeps the sorted name order.
  const entries: (LogListingEntry | undefined)[] = Array.from({ length: names.length });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const index = next++;
      entries[index] = await listEntry({ path: join(root, names[index]!), name: names[index]!, cache });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));
  names.forEach((name, index) => {
    const entry = entries[index];
    if (entry) listing[name] = entry;
  });
  return listing;
}

async function listEntry(options: { path: string; name: string; cache: ListingCache }): Promise<LogListingEntry | undefined> {
  const { path, name, cache } = options;
  let stats;
  try {
    stats = await stat(path);
  } catch {
    return undefined;
  }
  const cached = cache.get(path);
  if (cached && cached.size === stats.size && cached.mtime === stats.mtimeMs) return cached.entry;
  const entry = await readEntry(path, name);
  if (!entry) return undefined;
  entry.size = stats.size;
  entry.mtime = stats.mtimeMs;
  cache.set(path, { size: stats.size, mtime: stats.mtimeMs, entry });
  return entry;
}

/** Relative names (with `/`) of the log files under `root`; links are followed only when they stay inside `root`. */
async function walk(root: string, relative: string): Promise<string[]> {
  const directory = relative ? join(root, relative) : root;
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await realpath(join(root, name)).catch(() => undefined);
      if (!target || !(target === root || target.startsWith(root + sep))) continue;
      const stats = await stat(target);
      // A link to a directory could loop; only linked files are listed.
      isDirectory = false;
      isFile = stats.isFile();
    }
    if (isDirectory) out.push(...(await walk(root, name)));
    else if (isFile && LOG_EXTENSION.test(entry.name) && !(relative === '' && entry.name === LISTING_FILE)) out.push(name);
  }
  return out;
}

async function readEntry(path: string, name: string): Promise<LogListingEntry | undefined> {
  try {
    if (path.endsWith('.json')) {
      const text = await readFile(path, 'utf8');
      // A JSON file that is not a log at all (config.json, …) is not listed, so neither served nor bundled; a broken
      // log is listed with its problem.
      if (!isLogJsonHead(text.slice(0, LOG_JSON_HEAD_BYTES))) return undefined;
      const log = parseEvalLogJson({ text, path: name, headerOnly: true });
      return toEntry(log, name, log.results?.total_samples ?? 0);
    }
    const source = await openFileSource({ path });
    try {
      // Only the end of the zip directory: header.json and summaries.json are the last members, so a log of
      // thousands of samples is listed without reading its whole directory.
      const archive = await openEvalLogArchive({ source, path: name, directory: 'tail' });
      const header = await archive.readHeader();
      // Samples written: counted from the directory when it was read whole (small or running logs), else the
      // finished log's own count; a log without results (cancelled, failed) has its directory read to count them.
      if (!archive.directoryComplete && !header.results) await archive.loadDirectory();
      const sampleCount = archive.directoryComplete ? archive.sampleMembers.length : header.results!.total_samples;
      return toEntry(header, name, sampleCount);
    } finally {
      await source.close();
    }
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

function toEntry(log: EvalLog, name: string, sampleCount: number): LogListingEntry {
  const info = toEvalLogInfo({ log, path: name, name, sampleCount });
  const { path: _path, name: _name, ...entry } = info;
  return { ...entry, running: log.status === 'started' };
}
