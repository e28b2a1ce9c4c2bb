import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findPgBinaries, startPgCluster } from '../helpers/pg-cluster.js';

async function connectTo(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return client;
}

describe('the throwaway PostgreSQL cluster', () => {
  it('runs on 127.0.0.1 as a user other than root, with the test settings, and stop() leaves nothing behind', async () => {
    const cluster = await startPgCluster();
    const url = new URL(cluster.url);
    expect(url.hostname).toBe('127.0.0.1');
    const client = await connectTo(cluster.url);
    let dataDir: string;
    try {
      const settings = await client.query<{ data: string; fsync: string; listen: string }>(
        "SELECT current_setting('data_directory') AS data, current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen",
      );
      const row = settings.rows[0] as { data: string; fsync: string; listen: string };
      dataDir = row.data;
      expect([row.fsync, row.listen]).toEqual(['off', '127.0.0.1']);
      // postgres refuses to run as root; as root the helper hands the dir to an unprivileged user.
      expect(statSync(dataDir).uid).not.toBe(0);
      expect(existsSync(`${dirname(dataDir)}/.s.PGSQL.${url.port}`)).toBe(true);
    } finally {
      await client.end();
    }

    await cluster.stop();
    expect(existsSync(dirname(dataDir))).toBe(false);
    await expect(connectTo(cluster.url)).rejects.toThrow(/ECONNREFUSED/);
    await cluster.stop();
  });

  it('finds the binaries on PATH, else in the newest /usr/lib/postgresql/<version>/bin that has both', () => {
    const root = mkdtempSync(join(tmpdir(), 'skb-pgbin-'));
    try {
      const fake = (dir: string, names: string[]) => {
        mkdirSync(join(root, dir), { recursive: true });
        for (const name of names) writeFileSync(join(root, dir, name), '#!/bin/sh\n', { mode: 0o755 });
      };
      fake('lib/9.6/bin', ['initdb', 'pg_ctl']);
      fake('lib/15/bin', ['initdb', 'pg_ctl']);
      fake('lib/16/bin', ['initdb']);
      fake('path-a', ['pg_ctl']);
      fake('path-b', ['initdb', 'pg_ctl']);
      const lib = join(root, 'lib');
      expect(findPgBinaries(join(root, 'path-a'), lib)).toEqual({ initdb: join(lib, '15/bin/initdb'), pgCtl: join(lib, '15/bin/pg_ctl') });
      expect(findPgBinaries(`${join(root, 'path-a')}:${join(root, 'path-b')}`, lib)?.initdb).toBe(join(root, 'path-b/initdb'));
      expect(findPgBinaries(join(root, 'path-a'), join(root, 'none'))).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
