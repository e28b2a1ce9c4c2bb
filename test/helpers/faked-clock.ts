import { spawnSync } from 'node:child_process';

/**
 * libfaketime support for the processes tests start (see test/dates/run.sh).
 *
 * `npm run test:dates` runs vitest under libfaketime (LD_PRELOAD + FAKETIME): Date.now() in the test
 * process reads the faked instant. The service processes the e2e helpers spawn get a minimal
 * environment, so they would run on the real clock; fakedClockEnv() hands them the same clock.
 *
 * An offset (`FAKETIME=+123.5`) means the same thing in every process, so it is passed on as it is.
 * A start-at instant (`FAKETIME=@2026-12-02 10:00:00`) would restart the child's clock at that
 * instant; it is turned into the offset the parent is running at (faked now minus real now, the real
 * time read by `date` with the preload stripped), so parent and child agree to the millisecond.
 */

/** True when this process runs under libfaketime. */
export function underFaketime(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.FAKETIME) && /faketime/.test(env.LD_PRELOAD ?? '');
}

/** The real (unfaked) epoch milliseconds, read by a child without the preload. */
export function realNowMs(): number {
  const env = withoutFaketime(process.env);
  const out = spawnSync('date', ['+%s%N'], { env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`date failed: ${out.stderr}`);
  return Math.round(Number(out.stdout.trim()) / 1e6);
}

/** The environment variables a child needs to share this process's faked clock ({} when not faked). */
export function fakedClockEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!underFaketime(env)) return {};
  const passed: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && (key.startsWith('FAKETIME') || key === 'LD_PRELOAD' || key === 'TZ')) passed[key] = value;
  }
  const spec = env.FAKETIME as string;
  if (!/^[+-]/.test(spec)) {
    const offsetSeconds = (Date.now() - realNowMs()) / 1000;
    passed.FAKETIME = `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds.toFixed(3)}`;
    delete passed.FAKETIME_FMT;
  }
  return passed;
}

/** A copy of env without libfaketime (for Chromium, which gets its time from page.clock instead). */
export function withoutFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.startsWith('FAKETIME') || key === 'DONT_FAKE_MONOTONIC') continue;
    if (key === 'LD_PRELOAD') {
      const rest = value.split(/[: ]/).filter((lib) => lib && !/faketime/.test(lib));
      if (rest.length > 0) copy[key] = rest.join(':');
      continue;
    }
    copy[key] = value;
  }
  return copy;
}
