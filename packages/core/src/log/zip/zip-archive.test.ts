import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesSource, type RandomAccessSource } from './random-access-source.js';
import { recoverZipEntries } from './recover-zip-entries.js';
import { createZipArchive, openZipArchive } from './zip-archive.js';
import { encodeCentralDirectory, encodeLocalHeader } from './zip-encoder.js';
import { crc32 } from './crc32.js';

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

describe('openZipArchive', () => {
  it('reads stored and DEFLATE members written by another zip library', async () => {
    const bytes = zipSync({ 'a.json': [strToU8('{"a":1}'), { level: 0 }], 'dir/b.json': [strToU8('b'.repeat(5000)), { level: 9 }] });
    const archive = await openZipArchive({ source: bytesSource({ bytes }) });
    expect(archive.entries.map((entry) => [entry.name, entry.method])).toEqual([
      ['a.json', 0],
      ['dir/b.json', 8],
    ]);
    expect(decode(await archive.read('a.json'))).toBe('{"a":1}');
    expect(decode(await archive.read('dir/b.json'))).toBe('b'.repeat(5000));
  });

  it.each(['../evil.json', 'samples/../../evil.json', '/etc/passwd', 'C:/evil.json', '..\\evil.json'])('refuses the member name %s', async (name) => {
    const bytes = zipSync({ [name]: strToU8('x'), 'ok.json': strToU8('y') });
    await expect(openZipArchive({ source: bytesSource({ bytes }), path: 'evil.eval' })).rejects.toMatchObject({
      code: 'unsafe_member_name',
      path: 'evil.eval',
      member: name,
    });
  });

  it('refuses members larger than the limit before decompressing them', async () => {
    const bytes = zipSync({ 'big.json': strToU8('x'.repeat(100_000)), 'small.json': strToU8('ok') });
    const archive = await openZipArchive({ source: bytesSource({ bytes }), path: 'big.eval', maxMemberSize: 10_000 });
    await expect(archive.read('big.json')).rejects.toMatchObject({ code: 'member_too_large', path: 'big.eval', member: 'big.json' });
    expect(decode(await archive.read('small.json'))).toBe('ok');
  });

  it('refuses a member whose real size exceeds the size it declares', async () => {
    const bytes = zipSync({ 'liar.json': [strToU8('x'.repeat(100_000)), { level: 6 }] });
    // Rewrite the declared uncompressed size in the central directory to 10 bytes.
    const view = new DataView(bytes.buffer);
    const eocd = bytes.length - 22;
    const directory = view.getUint32(eocd + 16, true);
    view.setUint32(directory + 24, 10, true);
    const archive = await openZipArchive({ source: bytesSource({ bytes }), path: 'liar.eval', maxMemberSize: 1000 });
    await expect(archive.read('liar.json')).rejects.toMatchObject({ code: 'member_size_exceeded', path: 'liar.eval', member: 'liar.json' });
    await expect(archive.read('liar.json')).rejects.toThrow('liar.eval: member liar.json decompresses to more than the 10 bytes its zip header declares');
  });

  it('gives a typed error naming the file for a truncated archive, never hanging', async () => {
    const bytes = zipSync({ 'a.json': strToU8('a'.repeat(1000)), 'b.json': strToU8('b'.repeat(1000)) });
    for (const length of [0, 10, 100, bytes.length - 30, bytes.length - 1]) {
      await expect(openZipArchive({ source: bytesSource({ bytes: bytes.slice(0, length) }), path: 'cut.eval' })).rejects.toMatchObject({
        name: 'LogError',
        path: 'cut.eval',
      });
    }
  });

  it('reports a member cut short by truncation', async () => {
    const bytes = zipSync({ 'a.json': [strToU8('a'.repeat(1000)), { level: 0 }] });
    const archive = await openZipArchive({ source: bytesSource({ bytes }), path: 'x.eval' });
    const cut: RandomAccessSource = { size: 40, read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(40, offset + length))) };
    const truncated = createZipArchive({ source: cut, path: 'x.eval', entries: [...archive.entries] });
    await expect(truncated.read('a.json')).rejects.toMatchObject({ code: 'truncated', path: 'x.eval' });
  });

  it('reads zip64 directories', async () => {
    const data = strToU8('hello');
    const member = { name: 'a.json', method: 0, crc: crc32({ bytes: data }), compressedSize: 5, uncompressedSize: 5, date: new Date() };
    const local = encodeLocalHeader(member);
    const entries = Array.from({ length: 0x10000 }, (_, index) => ({ ...member, localHeaderOffset: 0, extraLength: 0, name: index === 0 ? 'a.json' : `n/${index}` }));
    const directory = encodeCentralDirectory({ entries, offset: local.length + data.length });
    const bytes = new Uint8Array(local.length + data.length + directory.length);
    bytes.set(local, 0);
    bytes.set(data, local.length);
    bytes.set(directory, local.length + data.length);
    const archive = await openZipArchive({ source: bytesSource({ bytes }) });
    expect(archive.entries).toHaveLength(0x10000);
    expect(decode(await archive.read('a.json'))).toBe('hello');
  });
});

describe('recoverZipEntries', () => {
  it('finds the complete members of a zip whose central directory is torn', async () => {
    const bytes = zipSync({ 'a.json': strToU8('{"a":1}'), 'b.json': strToU8('{"b":2}'), 'c.json': strToU8('c'.repeat(3000)) });
    const archive = await openZipArchive({ source: bytesSource({ bytes }) });
    const cEntry = archive.entries.find((entry) => entry.name === 'c.json')!;
    // Cut in the middle of c.json: a and b are complete, c is not.
    const torn = bytes.slice(0, cEntry.localHeaderOffset + 40);
    await expect(openZipArchive({ source: bytesSource({ bytes: torn }) })).rejects.toMatchObject({ name: 'LogError' });
    const entries = await recoverZipEntries({ source: bytesSource({ bytes: torn }) });
    expect(entries.map((entry) => entry.name)).toEqual(['a.json', 'b.json']);
    const recovered = createZipArchive({ source: bytesSource({ bytes: torn }), entries });
    expect(decode(await recovered.read('b.json'))).toBe('{"b":2}');
  });

  it('stops at a member whose header is whole but whose data never arrived (a write cut short by a full disk)', async () => {
    const bytes = zipSync({ 'a.json': strToU8('{"a":1}'), 'b.json': strToU8('{"b":2}'), 'c.json': strToU8('c'.repeat(3000)) });
    const archive = await openZipArchive({ source: bytesSource({ bytes }) });
    const cEntry = archive.entries.find((entry) => entry.name === 'c.json')!;
    // The file was already extended past c.json (its directory moved along first), so the size in c's header fits
    // the file, but only the header was written: the data under it is zeros.
    const torn = bytes.slice();
    const dataStart = cEntry.localHeaderOffset + 30 + 'c.json'.length;
    torn.fill(0, dataStart + 2, dataStart + cEntry.compressedSize);
    const entries = await recoverZipEntries({ source: bytesSource({ bytes: torn }) });
    expect(entries.map((entry) => entry.name)).toEqual(['a.json', 'b.json']);
  });
});
