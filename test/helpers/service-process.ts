import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fakedClockEnv } from './faked-clock.js';
import { PROCESS_START_MS } from './timeouts.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/**
 * The one way e2e tests start the real service: `tsx <script>` on a random port, with an
 * environment that names nothing outside the test (no real platform, no timers unless asked).
 * Resolves once the process says where it listens; every helper for a platform builds on this.
 */
export interface ServiceProcess {
  url: string;
  output(): string;
  /** SIGKILL: a crash, for recovery tests. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), then SIGKILL after graceMs; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export function serviceEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // Under `npm run test:dates` (libfaketime) the service runs on the same faked clock as the test.
    ...fakedClockEnv(),
    ...env,
  };
}

/**
 * Debian's faketime: the service's clock starts at `instant` and keeps running, with the monotonic
 * clock left real so that timers behave. The production config has no clock variable: this is how
 * an e2e test puts the real service on a chosen date.
 */
export interface FakeTime {
  /** An absolute start, e.g. '2026-11-30 10:00:00', read in `zone`. */
  instant: string;
  zone: string;
}

function command(script: string, faketime: FakeTime | undefined): { file: string; args: string[]; env: Record<string, string> } {
  if (!faketime) return { file: TSX, args: [script], env: {} };
  return { file: 'faketime', args: ['-f', `@${faketime.instant}`, TSX, script], env: { TZ: faketime.zone, FAKETIME_DONT_FAKE_MONOTONIC: '1' } };
}

export async function spawnService(options: { script?: string; env: Record<string, string>; timeoutMs?: number; faketime?: FakeTime }): Promise<ServiceProcess> {
  // tsx runs the service in a child node process: the service is started in its own process group so
  // that a kill reaches both (SIGKILL to tsx alone would leave the service running, holding its port).
  const run = command(options.script ?? 'src/main.ts', options.faketime);
  const child = spawn(run.file, run.args, { cwd: ROOT, env: serviceEnv({ ...run.env, ...options.env }), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // The group is already gone.
    }
  };

  const url = await new Promise<string>((done, reject) => {
    const timer = setTimeout(() => {
      signalGroup('SIGKILL');
      reject(new Error(`service did not start in time:\n${output}`));
    }, options.timeoutMs ?? PROCESS_START_MS);
    const check = () => {
      // main.ts says "listening on URL"; the demo says "Sandbox chat: URL/sandbox".
      const match = /(?:listening on|Sandbox chat:)\s+(http:\/\/[\w.[\]:-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1] as string);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      signalGroup('SIGKILL');
      reject(new Error(`service exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    output: () => output,
    async kill() {
      if (!running()) return;
      signalGroup('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (!running()) {
        signalGroup('SIGKILL');
        return child.exitCode;
      }
      // SIGTERM to tsx only: it forwards the signal, and the service shuts down gracefully.
      child.kill('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      // Whatever is left of the group (nothing, after a clean shutdown) goes too.
      signalGroup('SIGKILL');
      return code;
    },
  };
}

/** Runs a script to completion (start-up failures, the CLI); returns its exit code and output. */
export async function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = PROCESS_START_MS): Promise<{ code: number | null; output: string }> {
  const child = spawn(TSX, [script, ...args], { cwd: ROOT, env: serviceEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((done, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}
