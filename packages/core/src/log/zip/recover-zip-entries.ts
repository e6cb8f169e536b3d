import type { RandomAccessSource } from './random-access-source.js';
import { dataView } from './data-view.js';
import { LogError } from '../log-error.js';
import { decompressMember } from './decompress-member.js';
import type { ZipEntry } from './zip-entry.js';

const LOCAL_SIGNATURE = 0x04034b50;
const HEADER_READ = 30 + 1024;

/**
 * Lists the complete members of a zip whose central directory is missing or torn (a crash mid-write), by walking
 * its local file headers from the start. Works for zips whose local headers carry real sizes (Assay's and Inspect's
 * writers); stops at the first member that is incomplete, streamed with a data descriptor, or whose data does not
 * match its header's size and CRC.
 */
export async function recoverZipEntries(options: { source: RandomAccessSource; path?: string }): Promise<ZipEntry[]> {
  const { source, path } = options;
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  let offset = 0;
  while (offset + 30 <= source.size) {
    const header = await source.read(offset, HEADER_READ);
    const view = dataView(header);
    if (header.length < 30 || view.getUint32(0, true) !== LOCAL_SIGNATURE) break;
    const flags = view.getUint16(6, true);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    let compressedSize = view.getUint32(18, true);
    let uncompressedSize = view.getUint32(22, true);
    if (flags & 0x08 && compressedSize === 0) break;
    const nameBytes =
      30 + nameLength <= header.length ? header.subarray(30, 30 + nameLength) : await source.read(offset + 30, nameLength);
    if (nameBytes.length < nameLength) break;
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      const extra = await source.read(offset + 30 + nameLength, extraLength);
      const sizes = zip64Sizes(dataView(extra));
      if (!sizes) break;
      ({ compressedSize, uncompressedSize } = sizes);
    }
    const end = offset + 30 + nameLength + extraLength + compressedSize;
    if (end > source.size) break;
    const name = decoder.decode(nameBytes);
    const entry: ZipEntry = {
      name,
      method: view.getUint16(8, true),
      crc: view.getUint32(14, true),
      compressedSize,
      uncompressedSize,
      localHeaderOffset: offset,
      extraLength,
    };
    // A write cut short (a full disk, a kill) can leave a whole header whose data never arrived: the bytes under it are
    // then an older directory or zeros the file was already extended over, so the data is checked, not only its size.
    if (!(await isIntact({ source, entry, dataStart: offset + 30 + nameLength + extraLength, ...(path ? { path } : {}) }))) break;
    // A member written twice (an interrupted rewrite) is read from its last complete copy.
    entries.set(name, entry);
    offset = end;
  }
  return [...entries.values()];
}

/** Whether a member's data decompresses to its declared size and CRC; a member that would inflate past it is refused. */
async function isIntact(options: { source: RandomAccessSource; entry: ZipEntry; dataStart: number; path?: string }): Promise<boolean> {
  const { source, entry, dataStart, path } = options;
  try {
    decompressMember({ entry, data: await source.read(dataStart, entry.compressedSize), ...(path ? { path } : {}) });
    return true;
  } catch (error) {
    // Torn data ends the scan; data that lies about its size (a zip bomb) is hostile, and reported as such.
    if (error instanceof LogError && error.code === 'member_size_exceeded') throw error;
    return false;
  }
}

function zip64Sizes(view: DataView): { compressedSize: number; uncompressedSize: number } | undefined {
  let position = 0;
  while (position + 4 <= view.byteLength) {
    const id = view.getUint16(position, true);
    const size = view.getUint16(position + 2, true);
    if (id === 1 && size >= 16 && position + 20 <= view.byteLength) {
      return {
        uncompressedSize: Number(view.getBigUint64(position + 4, true)),
        compressedSize: Number(view.getBigUint64(position + 12, true)),
      };
    }
    position += 4 + size;
  }
  return undefined;
}
