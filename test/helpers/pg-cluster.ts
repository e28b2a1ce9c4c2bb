import { execFile, execFileSync } from 'node:child_process';
import { accessSync, appendFileSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PgBinaries {
  initdb: string;
  pgCtl: string;
}

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth: no password). */
  url: string;
  stop(): Promise<void>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function binariesIn(dir: string): PgBinaries | null {
  const initdb = join(dir, 'initdb');
  const pgCtl = join(dir, 'pg_ctl');
  return executable(initdb) && executable(pgCtl) ? { initdb, pgCtl } : null;
}

/** initdb and pg_ctl from PATH, else Debian's /usr/lib/postgresql/<newest>/bin (not on PATH there); null when absent. */
export function findPgBinaries(path = process.env.PATH ?? '', debianRoot = '/usr/lib/postgresql'): PgBinaries | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const found = binariesIn(dir);
    if (found) return found;
  }
  if (!existsSync(debianRoot)) return null;
  const versions = readdirSync(debianRoot)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const found = binariesIn(join(debianRoot, version, 'bin'));
    if (found) return found;
  }
  return null;
}

/** A port the kernel just handed out on 127.0.0.1; postgres binds it a moment later (a clash is retried). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** uid/gid of `nobody`: postgres refuses to run as root, and CI runs as root. */
function nobody(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('nobody:'));
  if (!line) throw new Error('no user "nobody" to run PostgreSQL as (the tests run as root)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

const SETTINGS = [
  // Throwaway data: no durability, little memory, a handful of connections per test file.
  'fsync = off',
  'synchronous_commit = off',
  'full_page_writes = off',
  'shared_buffers = 16MB',
  'max_connections = 60',
  "listen_addresses = '127.0.0.1'",
];

/**
 * Starts a throwaway PostgreSQL cluster: initdb into a temp dir, a free port on 127.0.0.1, the unix
 * socket inside the temp dir (never /var/run/postgresql, which a system cluster may own). stop() kills it
 * (-m immediate: nothing in it is worth a checkpoint) and removes the dir; an exit of this process stops it too.
 */
export async function startPgCluster(binaries = findPgBinaries()): Promise<PgCluster> {
  if (!binaries) throw new Error('PostgreSQL not found (initdb, pg_ctl): install postgresql or run .ci/run');
  const dir = mkdtempSync(join(tmpdir(), 'skb-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? nobody() : null;
  if (user) chownSync(dir, user.uid, user.gid);
  const exec = (file: string, args: string[]) =>
    user ? run('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', file, ...args], { cwd: dir }) : run(file, args, { cwd: dir });
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      const args = user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', binaries.pgCtl, ...stopArgs] : stopArgs;
      execFileSync(user ? 'setpriv' : binaries.pgCtl, args, { cwd: dir, stdio: 'ignore' });
    } catch {
      // Not running (start failed, or already stopped): only the dir is left to remove.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  try {
    await exec(binaries.initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    appendFileSync(join(data, 'postgresql.conf'), `\n${SETTINGS.join('\n')}\nunix_socket_directories = '${dir}'\n`);
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      try {
        await exec(binaries.pgCtl, ['-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', `-p ${port}`, 'start']);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          async stop() {
            process.removeListener('exit', stopNow);
            if (stopped) return;
            stopped = true;
            await exec(binaries.pgCtl, stopArgs).catch(() => undefined);
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        // Another process took the port between freePort() and postmaster's bind: try another.
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}

/**
 * CREATE DATABASE on the cluster (a copy of template1, or of `template`: cheap) and its URL; one per test
 * file keeps files apart. The template must have no open connections while it is copied.
 */
export async function createPgDatabase(clusterUrl: string, name: string, template?: string): Promise<string> {
  for (const identifier of [name, template ?? 'template1']) if (!/^[a-z_][a-z0-9_]{0,62}$/.test(identifier)) throw new Error(`not a plain database name: ${identifier}`);
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
