/**
 * Piped questions are answered at the pace the output is read (issue 12): with a slow reader, the
 * terminal chat waits for it instead of queueing every answer in memory.
 */
import { Readable, Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { runChat } from '../src/adapters/console/chat.js';
import { createCore } from '../src/core/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';

const core = createCore(loadKnowledge());

/** A reader that takes one chunk per turn of the event loop, and notes the most output ever waiting. */
function slowReader(highWaterMark: number) {
  let chunks = 0;
  let largest = 0;
  let text = '';
  const output = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      chunks++;
      largest = Math.max(largest, chunk.length);
      text += chunk.toString();
      setImmediate(done);
    },
  });
  let mostQueued = 0;
  const write = output.write.bind(output) as (chunk: string) => boolean;
  output.write = ((chunk: string) => {
    const ok = write(chunk);
    mostQueued = Math.max(mostQueued, output.writableLength);
    return ok;
  }) as typeof output.write;
  return {
    output,
    get mostQueued() {
      return mostQueued;
    },
    get chunks() {
      return chunks;
    },
    /** Bytes of the longest answer. */
    get largest() {
      return largest;
    },
    get text() {
      return text;
    },
  };
}

test('the terminal chat waits for a slow reader: at most one answer beyond its buffer is ever queued', async () => {
  const questions = ['Is Morocco allowed?', 'What happened with NSO?', 'and Mexico?', 'Quels pays ont été retirés ?'];
  const lines = Array.from({ length: 2000 }, (_, i) => questions[i % questions.length]);
  const reader = slowReader(4096);
  await runChat(core, undefined, Readable.from([`${lines.join('\n')}\n`]), reader.output);
  await new Promise((resolve) => reader.output.end(resolve));
  // Every question answered, in order…
  expect(reader.chunks).toBe(lines.length);
  expect(reader.text.startsWith('🇲🇦 Morocco — ')).toBe(true);
  // …and never more waiting than the buffer and one answer (an answer is a few kB; all 2,000 are MBs).
  expect(reader.mostQueued).toBeLessThanOrEqual(4096 + reader.largest);
});
