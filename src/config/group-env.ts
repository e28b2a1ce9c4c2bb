import type { z } from 'zod';
import { intSetting } from './fields.js';

/** Team group chats: the smallest won deal announced as 喜报, in yuan (default ¥50,000). */
export const groupEnv = {
  WIN_POST_MIN_YUAN: intSetting(50_000, 0, 100_000_000),
};

export interface GroupConfig {
  /** 喜报 for won deals of at least this amount, in fen. */
  groupPosts: { winMinFen: number };
}

export function groupOf(e: z.infer<z.ZodObject<typeof groupEnv>>): GroupConfig {
  return { groupPosts: { winMinFen: e.WIN_POST_MIN_YUAN * 100 } };
}
