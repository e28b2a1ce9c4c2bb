import type { Role } from '../org/roles.js';

/** What a rep reaches for after a meeting, most used first: help shows these before the rest. */
export const FREQUENT_COMMANDS = ['visit', 'payment', 'deal', 'kpi', 'opportunity', 'me'] as const;
export const HELP_FIRST_COUNT = 6;

export interface HelpEntry {
  name: string;
  hidden?: boolean;
  /** Who may use it; absent means everyone. */
  audience?: readonly Role[];
}

/**
 * The commands help lists for someone with these roles: those they may not use are left out (a rep
 * never sees HR's export); the frequent ones come first, the others keep their order behind a button.
 */
export function arrangeHelp<C extends HelpEntry>(commands: readonly C[], roles: readonly Role[], frequent: readonly string[] = FREQUENT_COMMANDS): { first: C[]; rest: C[] } {
  const usable = commands.filter((c) => !c.hidden && (!c.audience || c.audience.some((r) => roles.includes(r))));
  const rank = (c: C) => {
    const i = frequent.indexOf(c.name);
    return i === -1 ? frequent.length : i;
  };
  const ordered = usable.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
  return { first: ordered.slice(0, HELP_FIRST_COUNT), rest: ordered.slice(HELP_FIRST_COUNT) };
}
