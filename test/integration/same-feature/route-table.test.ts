import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WRITE_ROUTES } from './route-table.js';

/**
 * The table in route-table.ts is complete and true: every write route registered in src/web and
 * src/admin has a row (a new route without one fails here), each route paired with a chat command
 * is driven by the named test, and the route's door and the chat door import the named feature
 * from the same module of src/features.
 */
const root = resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

function sourcesUnder(dir: string): string[] {
  return readdirSync(resolve(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** `app.post('/x', …)`, `guarded.post(\n '/x'`: the method and path of each route a door registers. */
function registeredWrites(files: string[]): string[] {
  return files.flatMap((file) =>
    [...read(file).matchAll(/\b\w+\.(post|put|patch|delete)\(\s*(['"`])(\/[^'"`]*)\2/g)].map(([, method, , path]) => `${(method as string).toUpperCase()} ${path as string}`),
  );
}

/** Each `name from <module under src/features>` a file imports. */
function featureImports(file: string): string[] {
  return [...read(file).matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)].flatMap(([, names, from]) =>
    (from as string).includes('/features/') ? (names as string).split(',').map((n) => `${n.replace(/^type\s+/, '').trim()} from ${(from as string).replace(/^(\.\.\/)+/, '')}`) : [],
  );
}

const pathPattern = (path: string) => new RegExp(path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-z]+/gi, "(\\$\\{[^}]*\\}|[^/'\"`]+)"));

describe('the table of write routes and their chat doors', () => {
  const doors = [...sourcesUnder('src/web'), ...sourcesUnder('src/admin')];

  it('lists every write route of src/web and src/admin, once', () => {
    const listed = WRITE_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...new Set(registeredWrites(doors))].sort());
  });

  it.each(WRITE_ROUTES.flatMap((r) => ('test' in r.chat ? [{ ...r, ...r.chat }] : [])))('$method $path and $command: driven by $test', ({ path, test }) => {
    expect(existsSync(resolve(root, test)), test).toBe(true);
    expect(read(test)).toMatch(pathPattern(path));
  });

  it.each(WRITE_ROUTES.flatMap((r) => ('feature' in r.chat ? r.chat.feature.split(', ').map((feature) => ({ path: r.path, feature })) : [])))(
    '$path: the web door and a chat command import $feature from the same feature module',
    ({ feature }) => {
      const from = (files: string[]) => new Set(files.flatMap(featureImports).filter((i) => i.startsWith(`${feature} from `)));
      const web = from(sourcesUnder('src/web/api'));
      const bot = from(sourcesUnder('src/bot/commands'));
      expect(web.size, `${feature} in src/web/api`).toBe(1);
      expect(bot, `${feature} in src/bot/commands`).toEqual(web);
    },
  );

  it.each(WRITE_ROUTES.flatMap((r) => (r.twin ? [{ ...r, twin: r.twin }] : [])))('$method $path and its twin door: driven by one test', ({ path, twin }) => {
    expect(existsSync(resolve(root, twin.test)), twin.test).toBe(true);
    expect(read(twin.test)).toMatch(pathPattern(path));
    expect(read(twin.test)).toMatch(pathPattern(twin.path));
    expect(WRITE_ROUTES.map((r) => `${r.method} ${r.path}`)).toContain(`${twin.method} ${twin.path}`);
  });

  it('names a reason for every route without a chat door', () => {
    for (const row of WRITE_ROUTES) if ('none' in row.chat) expect(row.chat.none.length, row.path).toBeGreaterThan(5);
  });
});
