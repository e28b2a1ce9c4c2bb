import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The names that mean a platform adapter: a sales channel is salesChannel*, an audit source is source. */
const CHANNEL_NAME = /(?<![\w$])channel(?:Id|Name)?(?![\w$])/;

function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFilesUnder(path) : /\.(ts|js)$/.test(path) ? [path] : [];
  });
}

/**
 * Code without its string contents: data such as a header people type ('channel'), a file path
 * ('../platforms/channel.js') or a CSS id is not a name in the code. A template keeps its ${...}.
 */
export function withoutStrings(code: string): string {
  return code
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, (literal) => (literal.match(/\$\{[^}]*\}/g) ?? []).join(' '))
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''");
}

/** Each use of channel/channelId/channelName in `code` (comments already stripped) as "line: text". */
export function channelNamesIn(code: string): string[] {
  return withoutStrings(code)
    .split('\n')
    .flatMap((line, i) => (CHANNEL_NAME.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
}

/**
 * Files under src/ (TypeScript and the H5 scripts) outside `holders` that use the platform adapter's
 * names, as "file:line: text". `strip` drops comments (the architecture test's withoutComments).
 */
export function channelNameMisuses(holders: string[], strip: (source: string) => string): string[] {
  return sourceFilesUnder(join(ROOT, 'src'))
    .map((file) => relative(ROOT, file))
    .filter((file) => !holders.some((holder) => file === holder || file.startsWith(holder)))
    .flatMap((file) => channelNamesIn(strip(readFileSync(join(ROOT, file), 'utf8'))).map((hit) => `${file}:${hit}`));
}
