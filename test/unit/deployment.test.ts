import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../src/config.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('deployment files', () => {
  const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { build: string; environment: Record<string, string>; volumes: string[]; ports: string[] }>;
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

  it('every environment variable is documented in the README config table', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    const missing = Object.keys(envSchema.shape).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
