import type { CardTemplate } from './define.js';
import { helpCard } from './help.js';

/** Every card template the product ships: validated at boot, snapshot-tested per platform. */
export const CARD_TEMPLATES: CardTemplate<never>[] = [helpCard as CardTemplate<never>];
