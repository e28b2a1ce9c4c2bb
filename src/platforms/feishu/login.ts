import { z } from 'zod';
import { LoginExchangeError, type PlatformPerson } from '../login.js';

const TIMEOUT_MS = 10_000;
/** 20003 code not found or used, 20004 expired, 20010 no permission for the user: all "get a fresh code". */
const CODE_ERRORS = new Set([20003, 20004, 20010, 20065]);

const tokenAnswer = z.object({ code: z.number(), access_token: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() });
const userInfoAnswer = z.object({
  code: z.number(),
  data: z.object({ open_id: z.string(), union_id: z.string().optional(), user_id: z.string().optional() }).optional(),
});

async function postJson(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : {} };
  } catch (error) {
    throw new LoginExchangeError('unavailable', `feishu login request failed: ${(error as Error).name}`);
  }
}

/**
 * Feishu H5 login: the one-time code from tt.requestAccess / tt.requestAuthCode becomes a user
 * access token, which names the person (open_id, union_id). The token itself is used once and dropped.
 */
export async function exchangeFeishuCode(options: { baseUrl: string; appId: string; appSecret: string }, code: string): Promise<PlatformPerson> {
  const token = await postJson(`${options.baseUrl}/open-apis/authen/v2/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ grant_type: 'authorization_code', client_id: options.appId, client_secret: options.appSecret, code }),
  });
  const parsedToken = tokenAnswer.safeParse(token.body);
  if (!parsedToken.success) throw new LoginExchangeError('unavailable', `feishu token answer unreadable (HTTP ${token.status})`);
  if (parsedToken.data.code !== 0 || !parsedToken.data.access_token) {
    const reason = CODE_ERRORS.has(parsedToken.data.code) ? 'code-invalid' : 'unavailable';
    throw new LoginExchangeError(reason, `feishu token exchange refused: ${parsedToken.data.code}`);
  }

  const info = await postJson(`${options.baseUrl}/open-apis/authen/v1/user_info`, {
    method: 'GET',
    headers: { authorization: `Bearer ${parsedToken.data.access_token}` },
  });
  const parsedInfo = userInfoAnswer.safeParse(info.body);
  if (!parsedInfo.success || parsedInfo.data.code !== 0 || !parsedInfo.data.data) {
    throw new LoginExchangeError('unavailable', `feishu user_info failed (HTTP ${info.status})`);
  }
  const person = parsedInfo.data.data;
  return {
    ids: [
      { kind: 'open_id', value: person.open_id },
      ...(person.union_id ? [{ kind: 'union_id' as const, value: person.union_id }] : []),
      ...(person.user_id ? [{ kind: 'user_id' as const, value: person.user_id }] : []),
    ],
  };
}
