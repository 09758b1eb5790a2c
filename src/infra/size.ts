/**
 * What a cached value costs in memory, estimated by walking it: a byte budget needs a size per entry,
 * and serializing every value to measure it costs about seven times as much (`npm run bench`).
 */

/** V8's (64-bit) header of a string, a plain object and an array, and the width of one slot. */
const STRING_HEADER = 16;
const OBJECT_HEADER = 24;
const ARRAY_HEADER = 16;
const SLOT = 8;
/** A Buffer's JS object and its backing store's bookkeeping, besides its bytes. */
const BUFFER_HEADER = 96;

/**
 * The bytes `value` holds, erring high: every string counts as two-byte (one-byte strings take half)
 * and every part as owned, even one shared with the core's memo. Values are plain data (they must also
 * survive a trip through Redis), so there are no cycles to guard against.
 */
export function estimateBytes(value: unknown): number {
  if (typeof value === 'string') return STRING_HEADER + 2 * value.length;
  if (typeof value !== 'object' || value === null) return SLOT;
  if (ArrayBuffer.isView(value)) return BUFFER_HEADER + value.byteLength;
  if (Array.isArray(value)) {
    let bytes = ARRAY_HEADER + SLOT * value.length;
    for (const item of value) bytes += estimateBytes(item);
    return bytes;
  }
  let bytes = OBJECT_HEADER;
  for (const field of Object.values(value)) bytes += SLOT + estimateBytes(field);
  return bytes;
}
