import type { Locale } from '../../domain/locale.js';
import type { Actor } from '../../features/actor.js';
import type { AppDeps } from '../../features/deps.js';
import { periodProgressAfterEntry } from '../../features/kpi/period-progress.js';
import { entryProgressText } from '../../i18n/entry-progress.js';

/** The H5 page's line after a save, as chat's saved card says it; null without a target. */
export async function progressText(deps: AppDeps, actor: Actor, kind: string, l: Locale): Promise<string | null> {
  const p = await periodProgressAfterEntry(deps, actor, { kind });
  return p ? entryProgressText(l, 'web.saved.progress', p) : null;
}
