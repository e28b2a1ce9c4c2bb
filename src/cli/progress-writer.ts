import cliProgress from 'cli-progress';
import type { Locale } from '../i18n/index.js';

/** Where progress goes: a terminal (isTTY) gets a bar redrawn in place, anything else plain lines. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): boolean;
}

export interface ProgressWriter {
  update(done: number, total: number): void;
  /** Draws the last state and ends the bar's line; nothing more is written after it. */
  stop(): void;
}

/** A plain line every tenth of the way (and at the end): a log file of a 20,000-row import stays short. */
const PLAIN_STEPS = 10;

/**
 * Progress of a long CLI command. On a TTY a cli-progress bar; otherwise lines such as
 * "导入中 1000/20000 (importing)", which a log or a CI console keeps readable.
 */
export function createProgressWriter(stream: ProgressStream, labelIn: (locale: Locale) => string): ProgressWriter {
  const label = { zh: labelIn('zh'), en: labelIn('en') };
  if (stream.isTTY) return ttyWriter(stream, label);
  let lastStep = -1;
  let lastDone = -1;
  return {
    update(done, total) {
      const step = total > 0 ? Math.floor((done * PLAIN_STEPS) / total) : PLAIN_STEPS;
      if (step === lastStep && done !== total) return;
      if (done === lastDone) return;
      lastStep = step;
      lastDone = done;
      stream.write(`${label.zh} ${done}/${total} (${label.en})\n`);
    },
    stop() {},
  };
}

function ttyWriter(stream: ProgressStream, label: { zh: string; en: string }): ProgressWriter {
  const bar = new cliProgress.SingleBar(
    {
      // cli-progress only needs write() and isTTY from the stream (readline adds the cursor moves).
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${label.zh} [{bar}] {value}/{total} {percentage}% (${label.en})`,
      hideCursor: false,
      clearOnComplete: false,
      gracefulExit: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
