import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { devLogin } from '../../helpers/web-session.js';

describe('H5 static pages', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('serves the page shell at /app, its modules, and only the ECharts bundle it uses', async () => {
    const bare = await t.app.inject({ method: 'GET', url: '/app' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/app/');
    const shell = await t.app.inject({ method: 'GET', url: '/app/' });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['content-type']).toMatch(/text\/html/);
    // The Vite bundle: a hashed entry module under /app/assets/, cached for good; the shell revalidated.
    const entry = /<script type="module" crossorigin src="(\/app\/assets\/index-[\w-]+\.js)">/.exec(shell.body)?.[1];
    expect(entry, shell.body).toBeDefined();
    expect(shell.headers['cache-control']).toBe('no-cache');
    const module = await t.app.inject({ method: 'GET', url: entry as string });
    expect(module.headers['content-type']).toMatch(/javascript/);
    expect(module.headers['cache-control']).toMatch(/immutable/);
    // Pages load lazily as their own chunks.
    expect(module.body).toMatch(/import\(["'`]\.\/admin-[\w-]+\.js/);
    const charts = await t.app.inject({ method: 'GET', url: '/app/vendor/echarts/echarts.common.min.js' });
    expect(charts.statusCode).toBe(200);
    expect(charts.body.length).toBeGreaterThan(100_000);
    expect((await t.app.inject({ method: 'GET', url: '/app/vendor/echarts/echarts.js' })).statusCode).toBe(404);
    // Compressed, the chart bundle plus the page's own modules stay well under 300 KB.
    const gzipped = await t.app.inject({ method: 'GET', url: '/app/vendor/echarts/echarts.common.min.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(250_000);
    expect((await t.app.inject({ method: 'GET', url: '/app/vendor/echarts/../package.json' })).statusCode).not.toBe(200);
  });

  it('tells the page today’s business date in the app’s time zone', async () => {
    // 2026-11-27 01:00 in Shanghai is still the 26th in UTC.
    t.clock.set('2026-11-27T01:00:00+08:00');
    const rep = await devLogin(t.app, 'S101');
    expect((await rep.get('/api/me')).json().today).toBe('2026-11-27');
  });
});

describe('H5 API description', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('publishes an OpenAPI document of the /api routes with their schemas, and a browsable UI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/scorecard', '/api/visits', '/api/visits/{id}', '/api/login/feishu', '/api/team/ranking']));
    expect(paths).toEqual(expect.arrayContaining(['/api/assessments/{id}/decision', '/api/appeals/{id}/resolve', '/api/audit', '/api/admin/templates/{code}/preview', '/api/admin/outbox/{id}/retry']));
    expect(paths).toEqual(expect.arrayContaining(['/api/admin/channels', '/api/admin/channels/{id}', '/api/admin/org/import', '/api/admin/alert-rules']));
    expect(doc.paths['/api/admin/org/import'].post.requestBody.content['application/json'].schema.required).toEqual(['fileName', 'content']);
    expect(paths.every((p) => p.startsWith('/api/'))).toBe(true);
    const visitBody = doc.paths['/api/visits'].post.requestBody.content['application/json'].schema;
    expect(visitBody.required).toContain('customerId');
    expect(visitBody.properties.kind.enum).toEqual(['onsite', 'phone', 'video', 'other']);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger/i);
  });
});

describe('H5 without a built front-end', () => {
  it('answers /app with a clear "not built" page instead of a 404', async () => {
    const t = await createTestApp({ webBundleDir: null });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/app/' });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build');
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
