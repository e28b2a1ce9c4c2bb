import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../src/config.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('deployment files', () => {
  // merge: compose reads YAML merge keys (app-2 is app-1 with another port).
  const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      {
        build: string;
        image: string;
        environment: Record<string, string>;
        volumes: string[];
        ports: string[];
        profiles?: string[];
        depends_on?: Record<string, { condition: string }>;
        healthcheck?: { test: string[] };
      }
    >;
    volumes: Record<string, unknown>;
  };
  const service = compose.services['sales-kpi-bot']!;

  it('docker-compose builds the Dockerfile and keeps the database on a named volume', () => {
    expect(service.build).toBe('.');
    expect(existsSync(resolve(ROOT, 'Dockerfile'))).toBe(true);
    const [volume, mount] = service.volumes[0]!.split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(String(service.environment.DATABASE_PATH).startsWith(`${mount}/`)).toBe(true);
  });

  it('docker-compose sets only variables the service knows, with valid values', () => {
    const known = Object.keys(envSchema.shape);
    for (const name of Object.keys(service.environment)) expect(known, name).toContain(name);
    const literal = Object.fromEntries(Object.entries(service.environment).filter(([, v]) => !String(v).includes('${')));
    expect(envSchema.safeParse(literal).success).toBe(true);
    expect(service.ports[0]).toBe(`${service.environment.PORT}:${service.environment.PORT}`);
  });

  it('the Dockerfile copies everything the service reads at run time', () => {
    const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
    for (const dir of ['src', 'cards', 'migrations']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    expect(dockerfile).toMatch(/FROM node:20/);
    expect(dockerfile).toContain('dist/src/main.js');
  });

  it('the postgres profile: PostgreSQL with a healthcheck, and two instances that wait for it, share it and split the platform limits', () => {
    const inProfile = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('postgres'));
    const postgres = compose.services.postgres!;
    expect(postgres.image).toMatch(/^postgres:15/);
    expect(postgres.healthcheck?.test).toContain('pg_isready');
    const apps = inProfile.filter(([name]) => name !== 'postgres').map(([, s]) => s);
    expect(apps).toHaveLength(2);
    const known = Object.keys(envSchema.shape);
    for (const app of apps) {
      expect(app.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(app.healthcheck?.test.join(' ')).toContain('/readyz');
      for (const name of Object.keys(app.environment)) expect(known, name).toContain(name);
      // As compose would pass them, with a password in place of the required .env value.
      const resolved = Object.fromEntries(Object.entries(app.environment).map(([k, v]) => [k, String(v).replace(/\$\{POSTGRES_PASSWORD:\?[^}]*\}/g, 'secret').replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
      const parsed = envSchema.safeParse(resolved);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(resolved.DATABASE_URL).toBe('postgres://kpi:secret@postgres:5432/kpi');
      expect(Number(resolved.APP_INSTANCES)).toBe(apps.length);
    }
    expect(new Set(apps.map((a) => a.ports[0])).size).toBe(2);
    // The SQLite service stays the default: no profile, no DATABASE_URL.
    expect(service.profiles).toBeUndefined();
    expect(service.environment.DATABASE_URL).toBeUndefined();
  });

  it('every environment variable is documented in the README config table', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const missing = Object.keys(envSchema.shape).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
