import type { CheckinVerdict } from '../domain/records/checkin-rule.js';
import { t, type Locale } from './index.js';

/** The sentence for a check-in's outcome, in chat and on the H5 form, in the reader's language. */
export function checkinOutcomeText(locale: Locale, outcome: { customer: string; location?: CheckinVerdict }, radiusM: number): string {
  const { customer, location: verdict } = outcome;
  if (!verdict) return t(locale, 'checkin.photoAttached', { customer });
  switch (verdict.kind) {
    case 'located':
      return t(locale, 'checkin.located', { customer, distance: verdict.distanceM });
    case 'far':
      return t(locale, 'checkin.far', { customer, distance: verdict.distanceM, radius: radiusM });
    case 'datum-mismatch':
      return t(locale, 'checkin.datumMismatch', { customer });
    case 'sets-location':
      return t(locale, 'checkin.setsLocation', { customer });
  }
}
