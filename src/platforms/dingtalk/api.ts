import type { Logger } from 'pino';
import { readCapped } from '../read-capped.js';
import type { DingTalkApiClient } from './api-client.js';
import type { CardCallbackResponse, DingTalkCardData } from './render-card.js';

/** DingTalk's documented limit of userIds per oToMessages/batchSend call. */
export const BATCH_SEND_LIMIT = 20;
/** Rounds of re-sending to users DingTalk flow-controlled before giving up on them. */
const FLOW_CONTROL_ROUNDS = 5;

export interface BatchSendResult {
  /** Users DingTalk accepted the message for (each exactly once). */
  delivered: string[];
  /** Users DingTalk said it cannot message (not in the org or outside the app's visibility). */
  invalid: string[];
  /** Users still flow-controlled after every retry round. */
  flowControlled: string[];
  calls: number;
}

interface BatchSendAnswer {
  processQueryKey?: string;
  invalidStaffIdList?: string[];
  flowControlledStaffIdList?: string[];
}

export interface CardDelivery {
  outTrackId: string;
  cardTemplateId: string;
  cardData: DingTalkCardData;
  /** dtv1.card//IM_ROBOT.<userId> or dtv1.card//IM_GROUP.<openConversationId>. */
  target: { kind: 'user'; userId: string } | { kind: 'group'; openConversationId: string };
  callbackType: 'STREAM' | 'HTTP';
  callbackRouteKey?: string;
}

/** The robot, card and contact calls the channel makes, on top of the token/backoff client. */
export function createDingTalkApi(client: DingTalkApiClient, options: { robotCode: string; logger: Logger }) {
  const { robotCode, logger } = options;

  async function sendChunk(userIds: string[], msgKey: string, msgParam: string, result: BatchSendResult): Promise<void> {
    let pending = userIds;
    for (let round = 0; pending.length > 0; round++) {
      result.calls++;
      const answer = await client.api<BatchSendAnswer>('POST', '/v1.0/robot/oToMessages/batchSend', { robotCode, userIds: pending, msgKey, msgParam });
      const invalid = new Set(answer.invalidStaffIdList ?? []);
      const throttled = new Set(answer.flowControlledStaffIdList ?? []);
      if (invalid.size > 0) logger.warn({ count: invalid.size, userIds: [...invalid] }, 'dingtalk batchSend: invalid staff ids skipped');
      result.invalid.push(...pending.filter((id) => invalid.has(id)));
      result.delivered.push(...pending.filter((id) => !invalid.has(id) && !throttled.has(id)));
      // Only the flow-controlled users go again, so nobody gets the message twice.
      pending = pending.filter((id) => throttled.has(id));
      if (pending.length === 0) break;
      if (round + 1 >= FLOW_CONTROL_ROUNDS) {
        logger.error({ count: pending.length }, 'dingtalk batchSend: users still flow-controlled after retries');
        result.flowControlled.push(...pending);
        break;
      }
      await client.sleep(client.backoff(round));
    }
  }

  return {
    /** 1:1 robot messages to many users: ≤ 20 per call, flow-controlled users retried with backoff. */
    async batchSend(userIds: string[], message: { msgKey: string; msgParam: string }): Promise<BatchSendResult> {
      const unique = [...new Set(userIds)];
      const result: BatchSendResult = { delivered: [], invalid: [], flowControlled: [], calls: 0 };
      for (let i = 0; i < unique.length; i += BATCH_SEND_LIMIT) {
        await sendChunk(unique.slice(i, i + BATCH_SEND_LIMIT), message.msgKey, message.msgParam, result);
      }
      return result;
    },

    /** Old-style media upload (multipart, type=file) → media_id, for a sampleFile message. */
    async uploadFile(fileName: string, content: Buffer, mimeType: string): Promise<string> {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(content)], { type: mimeType }), fileName);
      const answer = await client.oapiForm<{ media_id?: string }>('/media/upload?type=file', form);
      if (!answer.media_id) throw new Error('dingtalk media/upload answered without media_id');
      return answer.media_id;
    },

    /**
     * A robot message's file (a picture): the downloadCode becomes a short-lived downloadUrl
     * (POST /v1.0/robot/messageFiles/download), read up to `maxBytes`. The URL comes from DingTalk's
     * answer, never from the message.
     */
    async downloadMessageFile(downloadCode: string, maxBytes: number): Promise<Buffer> {
      const { downloadUrl } = await client.api<{ downloadUrl?: string }>('POST', '/v1.0/robot/messageFiles/download', { robotCode, downloadCode });
      if (!downloadUrl || !/^https?:\/\//.test(downloadUrl)) throw new Error('dingtalk: messageFiles/download gave no download URL');
      const response = await fetch(downloadUrl, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok || !response.body) throw new Error(`dingtalk: file download answered ${response.status}`);
      const body = response.body;
      return readCapped(body as unknown as AsyncIterable<Uint8Array>, maxBytes, () => void body.cancel().catch(() => undefined));
    },

    async groupSend(openConversationId: string, message: { msgKey: string; msgParam: string }): Promise<string | undefined> {
      const answer = await client.api<{ processQueryKey?: string }>('POST', '/v1.0/robot/groupMessages/send', { robotCode, openConversationId, ...message });
      return answer.processQueryKey;
    },

    /** True when a sessionWebhook may be called: it is on the configured oapi origin. */
    isSessionWebhook: client.isSessionWebhook,

    /** Replies through the message's sessionWebhook (valid ~90 min, no token needed; oapi origin only). */
    async sessionWebhookSend(url: string, body: Record<string, unknown>): Promise<void> {
      await client.postUrl<unknown>(url, body);
    },

    async createAndDeliverCard(delivery: CardDelivery): Promise<void> {
      const body: Record<string, unknown> = {
        cardTemplateId: delivery.cardTemplateId,
        outTrackId: delivery.outTrackId,
        callbackType: delivery.callbackType,
        cardData: delivery.cardData,
        userIdType: 1,
      };
      if (delivery.callbackRouteKey) body.callbackRouteKey = delivery.callbackRouteKey;
      if (delivery.target.kind === 'user') {
        body.openSpaceId = `dtv1.card//IM_ROBOT.${delivery.target.userId}`;
        body.imRobotOpenSpaceModel = { supportForward: false };
        body.imRobotOpenDeliverModel = { spaceType: 'IM_ROBOT' };
      } else {
        body.openSpaceId = `dtv1.card//IM_GROUP.${delivery.target.openConversationId}`;
        body.imGroupOpenSpaceModel = { supportForward: true };
        body.imGroupOpenDeliverModel = { robotCode };
      }
      const answer = await client.api<{ success?: boolean; result?: { deliverResults?: { success?: boolean; errorMsg?: string }[] } }>(
        'POST',
        '/v1.0/card/instances/createAndDeliver',
        body,
      );
      const failed = answer.result?.deliverResults?.find((r) => r.success === false);
      if (failed) throw new Error(`card delivery failed: ${failed.errorMsg ?? 'unknown'}`);
    },

    async updateCard(outTrackId: string, update: Omit<CardCallbackResponse, 'userPrivateData'>): Promise<void> {
      await client.api('PUT', '/v1.0/card/instances', { outTrackId, ...update, userIdType: 1 });
    },

    /**
     * POST /v1.0/todo/users/{unionId}/tasks (DingTalk to-do, x-acs-dingtalk-access-token): a to-do in
     * the user's list with them as the executor. Returns the to-do's id.
     */
    async createTodo(unionId: string, todo: { subject: string; description?: string; dueTime: number }): Promise<string> {
      const body = { subject: todo.subject, ...(todo.description ? { description: todo.description } : {}), dueTime: todo.dueTime, executorIds: [unionId] };
      const answer = await client.api<{ id?: string }>('POST', `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks`, body);
      if (!answer.id) throw new Error('dingtalk: todo create answered without id');
      return answer.id;
    },

    /** PUT /v1.0/todo/users/{unionId}/tasks/{taskId}: a new due time for the to-do. */
    async updateTodoDue(unionId: string, taskId: string, dueTime: number): Promise<void> {
      await client.api('PUT', `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks/${encodeURIComponent(taskId)}`, { dueTime });
    },

    oapi: client.oapi,
  };
}

export type DingTalkApi = ReturnType<typeof createDingTalkApi>;
