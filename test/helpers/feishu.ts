import { DEMO_ORG_ROWS } from '../../src/seed/demo-org.js';

/** A realistic app id: the SDK's WSClient refuses ids not shaped like cli_ + 16 hex digits. */
export const FEISHU_TEST_APP = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'sim-app-secret-not-real',
  verificationToken: 'sim-verification-token',
  encryptKey: 'sim-encrypt-key',
} as const;

/** Feishu ids of a demo employee, as the simulator and the org import know them. */
export function feishuIdsOf(employeeNo: string) {
  const key = employeeNo.toLowerCase();
  return { open_id: `ou_${key}`, union_id: `on_${key}`, user_id: `u${key}` };
}

/** The demo org with Feishu identity columns, for the org import (CLI or admin API). */
export function feishuDemoOrgRows(): Record<string, string>[] {
  return withFeishuIds(DEMO_ORG_ROWS);
}

/** Org rows with the Feishu identity columns derived from each employee number. */
export function withFeishuIds(rows: Record<string, string>[]): Record<string, string>[] {
  return rows.map((row) => {
    const ids = feishuIdsOf(row.employee_no as string);
    return { ...row, feishu_open_id: ids.open_id, feishu_union_id: ids.union_id, feishu_user_id: ids.user_id };
  });
}

/** FEISHU_* variables pointing at a simulator. */
export function feishuEnv(baseUrl: string, mode: 'webhook' | 'ws' = 'webhook'): Record<string, string> {
  return {
    FEISHU_APP_ID: FEISHU_TEST_APP.appId,
    FEISHU_APP_SECRET: FEISHU_TEST_APP.appSecret,
    FEISHU_VERIFICATION_TOKEN: FEISHU_TEST_APP.verificationToken,
    FEISHU_ENCRYPT_KEY: FEISHU_TEST_APP.encryptKey,
    FEISHU_BASE_URL: baseUrl,
    FEISHU_MODE: mode,
  };
}

