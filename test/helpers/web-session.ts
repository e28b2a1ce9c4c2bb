import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The session cookie's name=value from a login answer. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = (Array.isArray(header) ? header[0] : header) ?? '';
  const pair = first.split(';')[0] ?? '';
  if (!pair.startsWith('skb_session=') || pair === 'skb_session=') throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return pair;
}

export interface WebClient {
  cookie: string;
  csrfToken: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown, options?: { csrf?: string | null }): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown, options?: { csrf?: string | null }): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown, options?: { csrf?: string | null }): Promise<LightMyRequestResponse>;
}

/** A page's view of the API after a login answer: the cookie on every call, the CSRF header on writes. */
export function webClient(app: FastifyInstance, login: LightMyRequestResponse): WebClient {
  const cookie = sessionCookieOf(login);
  const csrfToken = (login.json() as { csrfToken: string }).csrfToken;
  const write = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body: unknown, options: { csrf?: string | null } = {}) => {
    const csrf = options.csrf === undefined ? csrfToken : options.csrf;
    return app.inject({ method, url, headers: { cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) }, payload: body as object });
  };
  return {
    cookie,
    csrfToken,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: write('POST'),
    patch: write('PATCH'),
    put: write('PUT'),
  };
}

/** Logs in through the sandbox dev picker (only there when the sandbox is enabled). */
export async function devLogin(app: FastifyInstance, employeeNo: string): Promise<WebClient> {
  const login = await app.inject({ method: 'POST', url: '/api/login/dev', payload: { employeeNo } });
  if (login.statusCode !== 200) throw new Error(`dev login of ${employeeNo} failed: ${login.statusCode} ${login.body}`);
  return webClient(app, login);
}
