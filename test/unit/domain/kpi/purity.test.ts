import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The KPI engine is pure: it imports only other domain files and npm libraries, and never reads the clock. */
describe('KPI domain purity', () => {
  const root = join(import.meta.dirname, '../../../../src/domain');
  const files = [join(root, 'period.ts'), ...readdirSync(join(root, 'kpi')).map((f) => join(root, 'kpi', f))];

  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s imports nothing outside src/domain and does not read the clock', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    for (const spec of imports) {
      if (!spec.startsWith('.')) continue;
      const resolved = join(file, '..', spec);
      expect(resolved.startsWith(root), `${file} imports ${spec}`).toBe(true);
    }
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)|DateTime\.now\(/);
  });
});
