/** The second byte's range after a lead byte that has a narrower one than 0x80–0xBF (overlongs, surrogates, > U+10FFFF). */
const secondByteRange: Readonly<Record<number, readonly [number, number]>> = {
  0xe0: [0xa0, 0xbf],
  0xed: [0x80, 0x9f],
  0xf0: [0x90, 0xbf],
  0xf4: [0x80, 0x8f],
};

function sequenceLength(lead: number): number {
  if (lead <= 0x7f) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The offset of the first byte that does not start a valid UTF-8 sequence, or undefined when `bytes` is valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const length = sequenceLength(lead);
    if (length === 0 || index + length > bytes.length) return index;
    for (let next = 1; next < length; next++) {
      const [low, high] = next === 1 ? (secondByteRange[lead] ?? [0x80, 0xbf]) : [0x80, 0xbf];
      const byte = bytes[index + next]!;
      if (byte < low || byte > high) return index;
    }
    index += length;
  }
  return undefined;
}
