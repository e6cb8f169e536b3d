// MurmurHash3 x64 128-bit (seed 0) over UTF-8, printed as Inspect's `mm3_hash` prints it: the two 64-bit halves as
// 16 hex digits each. 64-bit words are pairs of unsigned 32-bit numbers; BigInt would be several times slower, and
// the hash runs on every long string of every sample written.

const C1_HI = 0x87c37b91;
const C1_LO = 0x114253d5;
const C2_HI = 0x4cf5ad43;
const C2_LO = 0x2745937f;

// Result of the last 64-bit operation (kept in module state so the hot loop allocates nothing).
let resultHi = 0;
let resultLo = 0;

function multiply(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const low = a0 * b0;
  const cross1 = a0 * b1;
  const cross2 = a1 * b0;
  const middle = (low >>> 16) + (cross1 & 0xffff) + (cross2 & 0xffff);
  const carry = a1 * b1 + (cross1 >>> 16) + (cross2 >>> 16) + Math.floor(middle / 0x10000);
  resultLo = ((middle << 16) | (low & 0xffff)) >>> 0;
  resultHi = (carry + Math.imul(aLo, bHi) + Math.imul(aHi, bLo)) >>> 0;
}

function add(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const low = aLo + bLo;
  resultLo = low >>> 0;
  resultHi = (aHi + bHi + (low > 0xffffffff ? 1 : 0)) >>> 0;
}

/** Rotates left by `bits` (1 to 31). */
function rotate(hi: number, lo: number, bits: number): void {
  resultHi = ((hi << bits) | (lo >>> (32 - bits))) >>> 0;
  resultLo = ((lo << bits) | (hi >>> (32 - bits))) >>> 0;
}

function finalMix(hi: number, lo: number): void {
  lo = (lo ^ (hi >>> 1)) >>> 0;
  multiply(hi, lo, 0xff51afd7, 0xed558ccd);
  hi = resultHi;
  lo = (resultLo ^ (hi >>> 1)) >>> 0;
  multiply(hi, lo, 0xc4ceb9fe, 0x1a85ec53);
  hi = resultHi;
  resultLo = (resultLo ^ (hi >>> 1)) >>> 0;
}

function hex(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

// Python encodes with errors="backslashreplace": a lone surrogate becomes the text `\udXXX`.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function utf8(text: string): Uint8Array {
  const safe = text.replace(LONE_SURROGATE, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
  return new TextEncoder().encode(safe);
}

/** Inspect's attachment hash (`mm3_hash`): MurmurHash3 x64 128 of the UTF-8 text, as 32 hex digits. */
export function mm3Hash(text: string): string {
  const bytes = utf8(text);
  const length = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h1Hi = 0;
  let h1Lo = 0;
  let h2Hi = 0;
  let h2Lo = 0;
  const blocks = length - (length % 16);
  for (let offset = 0; offset < blocks; offset += 16) {
    multiply(view.getUint32(offset + 4, true), view.getUint32(offset, true), C1_HI, C1_LO);
    rotate(resultHi, resultLo, 31);
    multiply(resultHi, resultLo, C2_HI, C2_LO);
    h1Hi = (h1Hi ^ resultHi) >>> 0;
    h1Lo = (h1Lo ^ resultLo) >>> 0;
    rotate(h1Hi, h1Lo, 27);
    add(resultHi, resultLo, h2Hi, h2Lo);
    multiply(resultHi, resultLo, 0, 5);
    add(resultHi, resultLo, 0, 0x52dce729);
    h1Hi = resultHi;
    h1Lo = resultLo;

    // Rotating by 33 is swapping the halves and rotating by 1.
    multiply(view.getUint32(offset + 12, true), view.getUint32(offset + 8, true), C2_HI, C2_LO);
    rotate(resultLo, resultHi, 1);
    multiply(resultHi, resultLo, C1_HI, C1_LO);
    h2Hi = (h2Hi ^ resultHi) >>> 0;
    h2Lo = (h2Lo ^ resultLo) >>> 0;
    rotate(h2Hi, h2Lo, 31);
    add(resultHi, resultLo, h1Hi, h1Lo);
    multiply(resultHi, resultLo, 0, 5);
    add(resultHi, resultLo, 0, 0x38495ab5);
    h2Hi = resultHi;
    h2Lo = resultLo;
  }

  const tail = length - blocks;
  if (tail > 8) {
    let kHi = 0;
    let kLo = 0;
    for (let index = tail - 1; index >= 8; index--) {
      const byte = bytes[blocks + index]!;
      if (index >= 12) kHi = (kHi | (byte << ((index - 12) * 8))) >>> 0;
      else kLo = (kLo | (byte << ((index - 8) * 8))) >>> 0;
    }
    multiply(kHi, kLo, C2_HI, C2_LO);
    rotate(resultLo, resultHi, 1);
    multiply(resultHi, resultLo, C1_HI, C1_LO);
    h2Hi = (h2Hi ^ resultHi) >>> 0;
    h2Lo = (h2Lo ^ resultLo) >>> 0;
  }
  if (tail > 0) {
    let kHi = 0;
    let kLo = 0;
    for (let index = Math.min(tail, 8) - 1; index >= 0; index--) {
      const byte = bytes[blocks + index]!;
      if (index >= 4) kHi = (kHi | (byte << ((index - 4) * 8))) >>> 0;
      else kLo = (kLo | (byte << (index * 8))) >>> 0;
    }
    multiply(kHi, kLo, C1_HI, C1_LO);
    rotate(resultHi, resultLo, 31);
    multiply(resultHi, resultLo, C2_HI, C2_LO);
    h1Hi = (h1Hi ^ resultHi) >>> 0;
    h1Lo = (h1Lo ^ resultLo) >>> 0;
  }

  // The length is below 2^32 here (a JS string cannot be longer), so it only touches the low halves.
  h1Lo = (h1Lo ^ length) >>> 0;
  h2Lo = (h2Lo ^ length) >>> 0;
  add(h1Hi, h1Lo, h2Hi, h2Lo);
  h1Hi = resultHi;
  h1Lo = resultLo;
  add(h2Hi, h2Lo, h1Hi, h1Lo);
  h2Hi = resultHi;
  h2Lo = resultLo;
  finalMix(h1Hi, h1Lo);
  h1Hi = resultHi;
  h1Lo = resultLo;
  finalMix(h2Hi, h2Lo);
  h2Hi = resultHi;
  h2Lo = resultLo;
  add(h1Hi, h1Lo, h2Hi, h2Lo);
  h1Hi = resultHi;
  h1Lo = resultLo;
  add(h2Hi, h2Lo, h1Hi, h1Lo);
  return hex(h1Hi, h1Lo) + hex(resultHi, resultLo);
}
