import { z } from 'zod';
import { DingTalkApiError } from './api-client.js';
import { LoginExchangeError, type PlatformPerson } from '../login.js';

/** 40078: the temporary code does not exist (used or expired); 40079/40080/40081: other code-state errors. */
const CODE_ERRORS = new Set(['40078', '40079', '40080', '40081']);

const answer = z.object({ result: z.object({ userid: z.string(), unionid: z.string().optional() }) });

/**
 * DingTalk H5 login: the code from dd.requestAuthCode({corpId, clientId}) becomes the corp userid
 * through topapi/v2/user/getuserinfo with the app access token (the client owns the token cache).
 */
export async function exchangeDingTalkCode(client: { oapi<T>(path: string, body: unknown): Promise<T> }, code: string): Promise<PlatformPerson> {
  let body: unknown;
  try {
    body = await client.oapi<unknown>('/topapi/v2/user/getuserinfo', { code });
  } catch (error) {
    if (error instanceof DingTalkApiError && CODE_ERRORS.has(error.code)) throw new LoginExchangeError('code-invalid', `dingtalk code refused: ${error.code}`);
    throw new LoginExchangeError('unavailable', `dingtalk getuserinfo failed: ${(error as Error).name}`);
  }
  const parsed = answer.safeParse(body);
  if (!parsed.success) throw new LoginExchangeError('unavailable', 'dingtalk getuserinfo answer unreadable');
  const { userid, unionid } = parsed.data.result;
  return { ids: [{ kind: 'userId', value: userid }, ...(unionid ? [{ kind: 'unionId' as const, value: unionid }] : [])] };
}
