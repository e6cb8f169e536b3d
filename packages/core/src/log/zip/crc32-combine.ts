// GF(2) 32×32 matrices as arrays of 32 column vectors: the operators that append zero bits to a CRC-32 (zlib's method).
function timesVector(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let index = 0; vector !== 0; index++, vector >>>= 1) if (vector & 1) sum ^= matrix[index]!;
  return sum >>> 0;
}

function square(target: Uint32Array, matrix: Uint32Array): void {
  for (let index = 0; index < 32; index++) target[index] = timesVector(matrix, matrix[index]!);
}

/**
 * The CRC-32 of two byte runs one after the other, from the CRC-32 of each and the length of the second: texts
 * compressed piece by piece can then be joined into one zip member without reading them again.
 * @example crc32Combine({ crc1: crc32({ bytes: a }), crc2: crc32({ bytes: b }), length2: b.length }) // = crc32 of a then b
 */
export function crc32Combine(options: { crc1: number; crc2: number; length2: number }): number {
  let { crc1, length2 } = options;
  if (length2 <= 0) return options.crc1 >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  // The operator for one zero bit, then (squared) for two and four.
  odd[0] = 0xedb88320;
  for (let index = 1, row = 1; index < 32; index++, row <<= 1) odd[index] = row;
  square(even, odd);
  square(odd, even);
  // Apply the operator for each set bit of the length in bytes (the first square gives the one for 8 zero bits).
  for (;;) {
    square(even, odd);
    if (length2 % 2 === 1) crc1 = timesVector(even, crc1);
    length2 = Math.floor(length2 / 2);
    if (length2 === 0) break;
    square(odd, even);
    if (length2 % 2 === 1) crc1 = timesVector(odd, crc1);
    length2 = Math.floor(length2 / 2);
    if (length2 === 0) break;
  }
  return (crc1 ^ options.crc2) >>> 0;
}
