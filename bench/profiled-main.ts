/**
 * src/main.ts under the V8 CPU profiler, for `BENCH_WEBHOOK_PROFILE=<dir>` (Node 20 refuses --cpu-prof
 * in NODE_OPTIONS, and tsx starts the service in a child node): the profile is written at exit.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR as string;
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
// An in-process inspector session answers synchronously, so this completes inside 'exit'.
process.on('exit', () => session.post('Profiler.stop', (error, result) => !error && writeFileSync(join(dir, `service-${process.pid}.cpuprofile`), JSON.stringify(result.profile))));
await import('../src/main.js');
