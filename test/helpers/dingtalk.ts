import { signCardCallback, signRobotCallback } from '../../src/platforms/dingtalk/crypto.js';
import type { CardRecipientStore } from '../../src/platforms/dingtalk/stores.js';
import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';
import type { DingTalkSimulator } from '../simulators/dingtalk/simulator.js';

/** The demo org's DingTalk userId for an employee number (the simulator's address book uses the same). */
export const dingtalkUserId = (employeeNo: string): string => `dt-${employeeNo.toLowerCase()}`;

/** The demo org with a dingtalk_user_id column, as an HR file would carry it. */
export const DINGTALK_ORG_ROWS: Record<string, string>[] = DEMO_ORG_ROWS.map((row) => ({ ...row, dingtalk_user_id: dingtalkUserId(row.employee_no as string) }));

/** DINGTALK_* with every base URL pointing at the simulator. */
export function dingtalkEnv(sim: DingTalkSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DINGTALK_CLIENT_ID: sim.clientId,
    DINGTALK_CLIENT_SECRET: sim.clientSecret,
    DINGTALK_API_BASE_URL: sim.url,
    DINGTALK_OAPI_BASE_URL: sim.url,
    DINGTALK_GATEWAY_URL: `${sim.url}/v1.0/gateway/connections/open`,
    ...extra,
  };
}

export function robotHeaders(secret: string, timestamp: number): Record<string, string> {
  return { 'content-type': 'application/json', timestamp: String(timestamp), sign: signRobotCallback(String(timestamp), secret) };
}

export function cardHeaders(secret: string, timestamp: number): Record<string, string> {
  return { 'content-type': 'application/json', 'x-ddpaas-signature-timestamp': String(timestamp), 'x-ddpaas-signature': signCardCallback(String(timestamp), secret) };
}

/** An in-memory card-recipient store for channel tests without a database. */
export function memoryCardRecipients(): CardRecipientStore & { byCard: Map<string, Set<string>> } {
  const byCard = new Map<string, Set<string>>();
  return {
    byCard,
    async record(outTrackId, userIds) {
      const users = byCard.get(outTrackId) ?? new Set<string>();
      for (const id of userIds) users.add(id);
      byCard.set(outTrackId, users);
    },
    async includes(outTrackId, userId) {
      return byCard.get(outTrackId)?.has(userId) ?? false;
    },
  };
}
