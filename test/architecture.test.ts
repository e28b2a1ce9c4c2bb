import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ActionResponse } from '../src/domain/card-model.js';
import type { CommandOutput } from '../src/bot/command.js';
import { channelNameMisuses, channelNamesIn } from './helpers/channel-names.js';

const ROOT = resolve(import.meta.dirname, '..');
const DOMAIN = join(ROOT, 'src/domain');
/** npm packages the pure core may use: pure libraries only (validation, dates). */
const ALLOWED_PACKAGES = new Set(['zod', 'luxon']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  return specifiers;
}

/** Rule 1 of the architecture: src/domain is pure and imports nothing outside itself. */
export function domainViolations(): string[] {
  const violations: string[] = [];
  for (const file of filesUnder(DOMAIN)) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const where = relative(ROOT, file);
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(DOMAIN + '/') && target !== DOMAIN) violations.push(`${where} imports ${spec}`);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
        if (!ALLOWED_PACKAGES.has(pkg)) violations.push(`${where} imports package ${spec}`);
      }
    }
  }
  return violations;
}

/** The names a file imports (or re-exports) from each module, `* as x` counted as every name. */
export function namedImportsOf(source: string): { spec: string; names: string[] }[] {
  const found: { spec: string; names: string[] }[] = [];
  const pattern = /(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) {
    const clause = match[1] as string;
    const names = clause.startsWith('*')
      ? ['*']
      : clause
          .slice(1, -1)
          .split(',')
          .map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0] as string)
          .filter(Boolean);
    found.push({ spec: match[2] as string, names });
  }
  return found;
}

/**
 * Who may hold Channel objects: the outbox (it delivers), app.ts (it builds them), the platforms
 * (they are them). Features, jobs and the chat door queue sends in the outbox instead (the outbox
 * also answers whether a platform can send files).
 */
const CHANNEL_HOLDERS = ['src/app.ts', 'src/outbox/', 'src/platforms/'];

function channelImporters(): string[] {
  const contract = join(ROOT, 'src/platforms/channel.ts');
  return filesUnder(join(ROOT, 'src')).filter((file) =>
    namedImportsOf(readFileSync(file, 'utf8')).some(
      ({ spec, names }) => spec.startsWith('.') && resolve(dirname(file), spec).replace(/\.js$/, '.ts') === contract && (names.includes('Channel') || names.includes('*')),
    ),
  ).map((file) => relative(ROOT, file));
}

/** Relative imports of the files under `from` that land in any of `targets` (folders or files under src/). */
export function importsInto(from: string, targets: string[]): string[] {
  const resolved = targets.map((t) => join(ROOT, t));
  return filesUnder(join(ROOT, from)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .filter((spec) => {
        const target = resolve(dirname(file), spec);
        return resolved.some((t) => target === t || target.startsWith(t + '/') || target === t + '.js' || target === t.replace(/\.ts$/, '.js'));
      })
      .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
  );
}

const SRC = join(ROOT, 'src');
const DB = join(SRC, 'db');
const SCHEMA = join(DB, 'schema');
const SCHEMA_PG = join(DB, 'schema-pg');

const isUnder = (path: string, dir: string) => path === dir || path.startsWith(dir + '/');

/** Every .ts file under src/ outside src/db, with its path relative to the project. */
function filesOutsideDb(): { file: string; where: string; source: string }[] {
  return filesUnder(SRC)
    .filter((file) => !isUnder(file, DB))
    .map((file) => ({ file, where: relative(ROOT, file), source: readFileSync(file, 'utf8') }));
}

/** Relative imports of a file that land in `dir`. */
function fileImportsInto(file: string, source: string, dir: string): string[] {
  return importsOf(source).filter((spec) => spec.startsWith('.') && isUnder(resolve(dirname(file), spec), dir));
}

/** The database driver and query builder: only src/db may use them. */
const SQL_PACKAGES = ['drizzle-orm', 'better-sqlite3'];
/** The raw connection, a raw SQL template, a transaction: each runs SQL outside the repositories. */
const RAW_SQL = [/\$client\b/, /\bsql\s*(<[^>]*>)?\s*`/, /\.transaction\s*\(/];

/** What in a source file touches SQL directly: a SQL package import or a raw-SQL construct. */
export function rawSqlUses(source: string): string[] {
  const packages = importsOf(source).filter((spec) => SQL_PACKAGES.some((pkg) => spec === pkg || spec.startsWith(`${pkg}/`)));
  const constructs = RAW_SQL.filter((pattern) => pattern.test(source)).map(String);
  return [...packages, ...constructs];
}

/** Chinese characters and CJK punctuation (full-width brackets, 「」, ，): the mark of a sentence for a reader. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** Source without its comments: block comments, then line comments not inside a URL or a string. */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * Domain files whose CJK is words people type, parsed here and never shown back (command words,
 * date words, numerals, units, column headers, role names). Input vocabulary is the domain's job.
 */
const INPUT_VOCABULARY = [
  'src/domain/assessment/frozen-scorecard.ts', // full-width ＋/－ typed before points
  ...['amount', 'chinese-number', 'date-words', 'tokens', 'visit-extras'].map((name) => `src/domain/commands/${name}.ts`),
  ...['complaint-status', 'context', 'customers', 'deals', 'feedback', 'handover', 'training', 'visit'].map((name) => `src/domain/commands/parse-${name}.ts`),
  'src/domain/kpi/period-arg.ts',
  'src/domain/org/hierarchy.ts', // full-width slashes in department paths
  'src/domain/org/roles.ts',
  'src/domain/records/customer-name.ts',
  'src/domain/records/entries/customer.ts', // alias separators (，、)
];

/**
 * Domain files that still hold sentences for readers, to move to src/i18n as keys; the list may
 * only shrink. Import-row reasons are "中文 (English)" pairs.
 */
const USER_TEXT_PENDING = [
  // Spreadsheet headers and row reasons in both languages, as the customer and org imports write them.
  'src/domain/finance/receipt-rows.ts',
  'src/domain/imports/sheet-cells.ts',
  'src/domain/kpi/default-template.ts', // the shipped template's name, stored as data when seeded
  'src/domain/org/import-rows.ts',
  'src/domain/records/customer-import-rows.ts',
  'src/domain/records/entries/training.ts', // "75分钟" pre-filled in the form, read back by the parser
  'src/domain/records/history-import-rows.ts',
];

describe('architecture', () => {
  it('src/domain holds no user text: no CJK characters outside comments, no import of src/i18n', () => {
    expect(importsInto('src/domain', ['src/i18n'])).toEqual([]);
    const holders = filesUnder(DOMAIN)
      .filter((file) => CJK.test(withoutComments(readFileSync(file, 'utf8'))))
      .map((file) => relative(ROOT, file))
      .sort();
    expect(holders.filter((file) => !INPUT_VOCABULARY.includes(file))).toEqual(USER_TEXT_PENDING);
    // The allow-list stays minimal: every vocabulary file still parses CJK words.
    expect(INPUT_VOCABULARY.filter((file) => !holders.includes(file))).toEqual([]);
  });

  it('only src/i18n defines message tables: no MessageTable and no { zh, en } pair elsewhere', () => {
    const pair = /\bzh:\s*['"`][^'"`]*['"`]\s*,\s*en:/;
    const offenders = filesUnder(SRC)
      .filter((file) => !isUnder(file, join(SRC, 'i18n')))
      .filter((file) => {
        const source = withoutComments(readFileSync(file, 'utf8'));
        return /\bMessageTable\b/.test(source) || pair.test(source);
      })
      .map((file) => relative(ROOT, file))
      .sort();
    expect(offenders).toEqual([]);
  });

  it('the comment stripper keeps strings, URLs and code and drops both kinds of comment', () => {
    const sample = "/** 中文 */\nconst a = '客户'; // 注释\nconst url = 'https://x.cn'; /* 块 */ const b = 1;";
    expect(withoutComments(sample)).toBe("\nconst a = '客户'; \nconst url = 'https://x.cn';  const b = 1;");
  });

  it('"channel" names the platform adapter only (outside its holders): a sales channel is salesChannel, an audit source is source', () => {
    expect(channelNameMisuses(CHANNEL_HOLDERS, withoutComments)).toEqual([]);
    expect(channelNamesIn("row.channel; const { channelId, channelName: n } = x; // channel\nconst h = { 'channel': salesChannel, source };")).toEqual(['1: row.channel; const { channelId, channelName: n } = x; // channel']);
  });

  it('only the core sends follow-ups: a click answers with a card and a toast, nothing for the platform to send', () => {
    // The platforms get what they show at once; messages after a click are queued by the bot (outbox).
    expectTypeOf<keyof ActionResponse>().toEqualTypeOf<'toast' | 'card'>();
    // A command answers once: the replacement card, a toast, the messages to send, and the keys of
    // what it queued itself (a file), delivered by the pipeline after the event commits.
    expectTypeOf<keyof CommandOutput>().toEqualTypeOf<'send' | 'card' | 'toast' | 'deliver'>();
    const mentions = filesUnder(join(ROOT, 'src')).filter((f) => /\bfollowUps\b/.test(readFileSync(f, 'utf8')));
    expect(mentions.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('only the outbox, app.ts and the platforms import the Channel contract (features, jobs and the doors do not)', () => {
    const importers = channelImporters();
    expect(importers.filter((file) => !CHANNEL_HOLDERS.some((allowed) => file === allowed || file.startsWith(allowed)))).toEqual([]);
    // The allow-list stays minimal: every entry is still needed.
    expect(CHANNEL_HOLDERS.filter((allowed) => !importers.some((file) => file === allowed || file.startsWith(allowed)))).toEqual([]);
  });

  it('the named-import scanner sees type imports, aliases, multi-line lists, re-exports and namespaces', () => {
    const sample = `import type { Channel, PlatformName } from '../platforms/channel.js';\nimport {\n  DeliveryError,\n  type Channel as C,\n} from './channel.js';\nexport { type Recipient } from '../channel.js';\nimport * as contract from '../channel.js';`;
    expect(namedImportsOf(sample)).toEqual([
      { spec: '../platforms/channel.js', names: ['Channel', 'PlatformName'] },
      { spec: './channel.js', names: ['DeliveryError', 'Channel'] },
      { spec: '../channel.js', names: ['Recipient'] },
      { spec: '../channel.js', names: ['*'] },
    ]);
  });

  it('src/domain imports nothing from outside src/domain (and no I/O packages)', () => {
    expect(domainViolations()).toEqual([]);
  });

  it('the import scanner catches relative, package and dynamic imports', () => {
    const sample = `import { x } from '../../db/client.js';\nimport type { Y } from 'node:fs';\nexport * from './inner.js';\nconst z = await import('fastify');\nimport 'side-effect';`;
    expect(importsOf(sample)).toEqual(['../../db/client.js', 'node:fs', './inner.js', 'fastify', 'side-effect']);
  });

  it('platforms import neither db nor services/features (their stores are passed in by app.ts)', () => {
    const forbidden = ['db', 'services', 'features'].map((dir) => join(SRC, dir));
    const platforms = readdirSync(join(SRC, 'platforms')).filter((name) => statSync(join(SRC, 'platforms', name)).isDirectory());
    expect(platforms).toEqual(expect.arrayContaining(['feishu', 'dingtalk', 'sandbox']));
    const offenders = filesUnder(join(SRC, 'platforms')).flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return forbidden.flatMap((dir) => fileImportsInto(file, source, dir).map((spec) => `${relative(ROOT, file)} imports ${spec}`));
    });
    expect(offenders).toEqual([]);
  });

  it('feishu and dingtalk never import each other', () => {
    expect(importsInto('src/platforms/feishu', ['src/platforms/dingtalk'])).toEqual([]);
    expect(importsInto('src/platforms/dingtalk', ['src/platforms/feishu'])).toEqual([]);
  });

  it('every platform folder exports definePlatform from index.ts, named after the folder', async () => {
    const folders = readdirSync(join(SRC, 'platforms')).filter((name) => statSync(join(SRC, 'platforms', name)).isDirectory());
    expect(folders).toEqual(expect.arrayContaining(['feishu', 'dingtalk', 'sandbox']));
    for (const folder of folders) {
      const index = join(SRC, 'platforms', folder, 'index.ts');
      const source = readFileSync(index, 'utf8');
      expect(source, `${folder}/index.ts`).toMatch(new RegExp(`export const ${folder} = definePlatform\\b`));
      const platform = ((await import(index)) as Record<string, unknown>)[folder] as { name?: unknown; enabled?: unknown; create?: unknown };
      expect({ name: platform.name, enabled: typeof platform.enabled, create: typeof platform.create }).toEqual({ name: folder, enabled: 'function', create: 'function' });
    }
  });

  it('features never import bot, http (src/web, src/admin), platforms or jobs', () => {
    expect(importsInto('src/features', ['src/bot', 'src/web', 'src/admin', 'src/platforms', 'src/jobs'])).toEqual([]);
  });

  it('src/web (the H5 plugin and its API) never imports src/bot', () => {
    expect(importsInto('src/web', ['src/bot'])).toEqual([]);
  });

  it('jobs never import bot, http (src/web, src/admin) or platforms: they call features with AppDeps', () => {
    // Types from platforms/channel.ts would be allowed only if unavoidable; today none is needed
    // (the org sync gets DirectorySource, a domain type, through JobDeps.directories).
    expect(importsInto('src/jobs', ['src/bot', 'src/web', 'src/admin', 'src/platforms'])).toEqual([]);
  });

  it('the doors (bot, web, admin) never import db: they reach data only through features', () => {
    expect(importsInto('src/bot', ['src/db']).concat(importsInto('src/web', ['src/db']), importsInto('src/admin', ['src/db']))).toEqual([]);
  });

  it('only src/db imports the schema (either dialect)', () => {
    const offenders = filesOutsideDb().flatMap(({ file, where, source }) =>
      [SCHEMA, SCHEMA_PG].flatMap((dir) => fileImportsInto(file, source, dir)).map((spec) => `${where} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no code outside src/db runs SQL itself: no $client, sql``, transaction, drizzle-orm or better-sqlite3', () => {
    // Closing, probing and transactions go through src/db/client.ts (closeDatabase, pingDatabase, inTransaction).
    const offenders = filesOutsideDb().flatMap(({ where, source }) => rawSqlUses(source).map((use) => `${where}: ${use}`));
    expect(offenders).toEqual([]);
  });

  it('the raw-SQL scanner catches the connection, SQL templates, transactions and the SQL packages', () => {
    expect(rawSqlUses("db.$client.prepare('SELECT 1').get();")).toHaveLength(1);
    expect(rawSqlUses('const n = sql<number>`count(*)`;')).toHaveLength(1);
    expect(rawSqlUses('db.transaction(() => undefined);')).toHaveLength(1);
    expect(rawSqlUses("import { eq } from 'drizzle-orm';\nimport Database from 'better-sqlite3';\nimport { x } from 'drizzle-orm/sqlite-core';")).toEqual(['drizzle-orm', 'better-sqlite3', 'drizzle-orm/sqlite-core']);
    expect(rawSqlUses("import { inTransaction } from '../db/client.js';\ninTransaction(db, () => 1);")).toEqual([]);
  });

  it('only main.ts, server start-up and the CLI read process.env', () => {
    const offenders = filesUnder(join(ROOT, 'src'))
      .filter((f) => readFileSync(f, 'utf8').includes('process.env'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !['src/main.ts', 'src/cli/index.ts', 'src/cli/demo.ts'].includes(f));
    expect(offenders).toEqual([]);
  });
});
