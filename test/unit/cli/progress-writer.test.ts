import { describe, expect, it } from 'vitest';
import { createProgressWriter } from '../../../src/cli/progress-writer.js';
import { t } from '../../../src/i18n/index.js';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 100, write: (chunk: string) => (chunks.push(chunk), true) } };
}

const label = (locale: 'zh' | 'en') => t(locale, 'import.progress');

describe('CLI progress writer', () => {
  it('writes plain lines when the stream is not a TTY, a tenth of the way at a time and the end', () => {
    const { chunks, stream } = fakeStream(false);
    const writer = createProgressWriter(stream, label);
    for (let done = 100; done <= 20_000; done += 100) writer.update(done, 20_000);
    writer.stop();
    expect(chunks[0]).toBe('导入中 100/20000 (importing)\n');
    expect(chunks).toContain('导入中 2000/20000 (importing)\n');
    expect(chunks.at(-1)).toBe('导入中 20000/20000 (importing)\n');
    expect(chunks).toHaveLength(11);
    expect(chunks.join('')).not.toContain('\x1B');
  });

  it('writes the end line once even when it is reported twice', () => {
    const { chunks, stream } = fakeStream(false);
    const writer = createProgressWriter(stream, label);
    writer.update(250, 250);
    writer.update(250, 250);
    expect(chunks).toEqual(['导入中 250/250 (importing)\n']);
  });

  it('draws a bar redrawn in place on a TTY, ending at total', () => {
    const { chunks, stream } = fakeStream(true);
    const writer = createProgressWriter(stream, label);
    writer.update(0, 250);
    writer.update(100, 250);
    writer.update(250, 250);
    writer.stop();
    const output = chunks.join('');
    expect(output).toContain('导入中 [');
    expect(output).toContain('0/250 0% (importing)');
    // The final frame is drawn by stop(), whatever the frame rate let through before it.
    expect(output).toContain('250/250 100% (importing)');
    // Redrawn in place: the cursor goes back to the line's start (readline's escape), no new line per update.
    expect(output).toContain('\x1B[1G');
    expect(output.split('\n').length).toBeLessThanOrEqual(2);
  });
});
