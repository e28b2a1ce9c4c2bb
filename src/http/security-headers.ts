import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers for every response (helmet), with a Content-Security-Policy that fits the H5
 * mini-app: its own scripts plus the two platform JSSDKs it loads (login.js), its own API, and
 * framing only by the Feishu / Lark and DingTalk clients, whose desktop apps may show the page in a
 * frame. X-Frame-Options cannot name several origins, so frame-ancestors alone decides. API answers
 * are never cached (they carry personal data and CSRF tokens).
 */

/** The platforms' JSSDK hosts (src/web/public/js/login.js loads h5-js-sdk and dingtalk.open.js from them). */
export const PLATFORM_SCRIPT_SOURCES = ['https://lf1-cdn-tos.bytegoofy.com', 'https://g.alicdn.com'];

/** The platforms' web clients that may frame the H5 pages. */
export const PLATFORM_FRAME_ANCESTORS = ['https://*.feishu.cn', 'https://*.feishucdn.com', 'https://*.larksuite.com', 'https://*.dingtalk.com'];

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", ...PLATFORM_SCRIPT_SOURCES],
  // Chart tooltips (ECharts) write style attributes; inline styles cannot run script.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'", ...PLATFORM_FRAME_ANCESTORS],
  // The service may run on plain http on a LAN or 127.0.0.1; TLS is the proxy's business.
  upgradeInsecureRequests: null,
};

/** Paths whose answers are data, never pages or assets: sent with Cache-Control: no-store. */
export function isApiPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return /^\/(api|admin|webhooks|sandbox\/api)(\/|$)/.test(path) || path === '/healthz' || path === '/readyz';
}

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: false,
    // The platform JSSDKs are cross-origin scripts without CORP headers.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
