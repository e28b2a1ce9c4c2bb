import { emptyMeasures, emptyVerifiedMeasures, type RepMeasures } from '../../src/domain/kpi/measures.js';

/**
 * A rep's measures whose records were all verified the way the shipped template counts them: visits
 * checked in on location, satisfaction answered by the customer, training confirmed by the manager.
 * Tests of the other rules use it so the shipped template scores the numbers they state.
 */
export function verifiedMeasures(measures: Partial<RepMeasures>): RepMeasures {
  const m = { ...emptyMeasures(), ...measures };
  return {
    ...m,
    byVerification: {
      located: { ...emptyVerifiedMeasures(), visits: m.visits },
      customer: { ...emptyVerifiedMeasures(), satisfactionSum: m.satisfactionSum, satisfactionCount: m.satisfactionCount },
      manager: { ...emptyVerifiedMeasures(), trainingMinutes: m.trainingMinutes },
    },
  };
}
