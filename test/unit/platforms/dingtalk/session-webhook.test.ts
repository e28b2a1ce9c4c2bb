import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../../src/platforms/channel.js';
import { createDingTalkApiClient } from '../../../../src/platforms/dingtalk/api-client.js';
import { CALLBACK_REPLAY_TTL_MS } from '../../../../src/db/repositories/dingtalk-callback-replays.js';
import { SIGNATURE_WINDOW_MS } from '../../../../src/platforms/dingtalk/crypto.js';

const client = createDingTalkApiClient({
  clientId: 'app',
  clientSecret: 'secret',
  apiBaseUrl: 'https://api.dingtalk.com',
  oapiBaseUrl: 'https://oapi.dingtalk.com',
  logger: pino({ level: 'silent' }),
});

describe('DingTalk sessionWebhook origin', () => {
  it('trusts only URLs on the origin of the configured oapi base URL', () => {
    expect(client.isSessionWebhook('https://oapi.dingtalk.com/robot/sendBySession?session=abc')).toBe(true);
    for (const url of [
      'http://oapi.dingtalk.com/robot/sendBySession?session=abc', // another scheme
      'https://oapi.dingtalk.com:8443/robot/sendBySession', // another port
      'https://oapi.dingtalk.com.evil.example/robot/sendBySession', // a look-alike host
      'https://oapi.dingtalk.com@169.254.169.254/latest/meta-data', // userinfo: the host is the metadata service
      'https://api.dingtalk.com/robot/sendBySession', // DingTalk, but not the oapi host
      'http://127.0.0.1:8080/admin',
      'not a url',
    ]) {
      expect(client.isSessionWebhook(url), url).toBe(false);
    }
  });

  it('refuses to post to any other origin, permanently and without a request', async () => {
    const refused = client.postUrl('http://127.0.0.1:9/robot/sendBySession?session=x', { msgtype: 'text' });
    await expect(refused).rejects.toBeInstanceOf(DeliveryError);
    await expect(refused).rejects.toMatchObject({ permanent: true });
  });

  it('remembers callback signatures exactly as long as DingTalk signatures stay valid', () => {
    expect(CALLBACK_REPLAY_TTL_MS).toBe(SIGNATURE_WINDOW_MS);
  });
});
