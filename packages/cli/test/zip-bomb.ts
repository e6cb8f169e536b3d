import { readFileSync } from 'node:fs';
import { bytesSource, openZipArchive } from '@assay/core/log';

const MEBIBYTE = 1 << 20;

/**
 * Raw DEFLATE data that inflates to at least `mebibytes` MiB of zeros, ~6.6 KB per MiB, with no stored block in it: one
 * fixed-Huffman block of a literal 0 and then matches of 258 bytes at distance 1 (13 bits each). Every 8 matches the
 * bit position repeats, so after two runs written bit by bit the body is a 13-byte unit copied.
 */
export function deflateBomb(options: { mebibytes: number }): Uint8Array {
  const runs = Math.max(2, Math.ceil(options.mebibytes * MEBIBYTE / (258 * 8)));
  const out = new Uint8Array(Math.ceil((11 + runs * 104 + 7) / 8));
  let position = 0;
  // Huffman codes go most significant bit first.
  const code = (value: number, length: number): void => {
    for (let bit = length - 1; bit >= 0; bit--) {
      if ((value >> bit) & 1) out[position >> 3]! |= 1 << (position & 7);
      position++;
    }
  };
  code(0b110, 3); // BFINAL = 1, then BTYPE = 01 (fixed Huffman) least significant bit first: bits 1, 1, 0
  code(0b00110000, 8); // literal 0
  for (let match = 0; match < 16; match++) {
    code(0b11000101, 8); // length code 285: 258 bytes
    code(0, 5); // distance code 0: distance 1
  }
  // Run k starts at bit 11 + 104k, byte 1 + 13k: bytes 14..26 are run 1 with the tail of run 0 before it.
  for (let run = 2; run < runs; run++) out.copyWithin(1 + 13 * run, 14, 27);
  out[1 + 13 * runs] = out[14]! & 0b111;
  // The end-of-block code (seven 0 bits) is already there.
  return out;
}

/** A zstd frame that decompresses to `mebibytes` MiB of zeros: RLE blocks of 128 KB, 4 bytes each. */
export function zstdBomb(options: { mebibytes: number }): Uint8Array {
  const blocks = options.mebibytes * 8;
  // Magic, frame header descriptor 0 (no content size, no checksum), window descriptor 2^17 = 128 KB.
  const out = Buffer.alloc(6 + blocks * 4);
  out.writeUInt32LE(0xfd2fb528, 0);
  out[4] = 0;
  out[5] = 7 << 3;
  for (let index = 0; index < blocks; index++) {
    const header = ((128 * 1024) << 3) | (1 << 1) | (index === blocks - 1 ? 1 : 0);
    out.writeUIntLE(header, 6 + index * 4, 3);
    out[6 + index * 4 + 3] = 0;
  }
  return out;
}

/** A member of {@link writeZip}: its data as stored in the file, with the method, size and CRC to declare. */
export interface ZipMemberBytes {
  name: string;
  data: Uint8Array;
  method: number;
  uncompressedSize: number;
  crc: number;
}

/** A minimal zip (no zip64) holding `members` exactly as given. */
export function writeZip(members: readonly ZipMemberBytes[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name);
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(member.method === 93 ? 63 : 20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(member.method, 8);
    local.writeUInt32LE(member.crc >>> 0, 14);
    local.writeUInt32LE(member.data.length, 18);
    local.writeUInt32LE(member.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(member.method === 93 ? 63 : 20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(member.method, 10);
    central.writeUInt32LE(member.crc >>> 0, 16);
    central.writeUInt32LE(member.data.length, 20);
    central.writeUInt32LE(member.uncompressedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    locals.push(local, Buffer.from(member.data));
    centrals.push(central);
    offset += local.length + member.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A copy of the `.eval` log at `from` in which `member` (matched by a pattern; the first match) is replaced by a bomb
 * of `mebibytes` MiB that keeps the member's declared size and CRC; the other members are stored as they were.
 */
export async function bombLog(options: { from: string; member: RegExp; method: 8 | 93; mebibytes: number }): Promise<Uint8Array> {
  const archive = await openZipArchive({ source: bytesSource({ bytes: new Uint8Array(readFileSync(options.from)) }) });
  const target = archive.entries.find((entry) => options.member.test(entry.name));
  if (!target) throw new Error(`no member matching ${String(options.member)} in ${options.from}`);
  const members: ZipMemberBytes[] = [];
  for (const entry of archive.entries) {
    if (entry === target) {
      const data = options.method === 8 ? deflateBomb(options) : zstdBomb(options);
      members.push({ name: entry.name, data, method: options.method, uncompressedSize: entry.uncompressedSize, crc: entry.crc });
    } else {
      const data = await archive.read(entry.name);
      members.push({ name: entry.name, data, method: 0, uncompressedSize: data.length, crc: entry.crc });
    }
  }
  return writeZip(members);
}
