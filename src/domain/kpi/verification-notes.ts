import { phrase, type Phrase } from '../phrase.js';
import type { ScorecardLine } from './scorecard.js';

/**
 * What a line left out, said after it on the card, the H5 scorecard and 如何计算: records the
 * verification rule did not count ("3 次拜访未核实，未计入") and the part of the actual above the
 * line's per-period cap.
 */
export function leftOutNotes(line: Pick<ScorecardLine, 'leftOut' | 'uncappedActual' | 'actual' | 'indicator'>): Phrase[] {
  const notes: Phrase[] = [];
  if (line.leftOut) notes.push(phrase('kpi.note.aside', { text: phrase(`kpi.leftOut.${line.leftOut.source}`, { n: line.leftOut.count }) }));
  if (line.uncappedActual && line.actual) {
    const unit = line.indicator.unit;
    notes.push(phrase('kpi.note.aside', { text: phrase('kpi.note.actualCapped', { cap: { unit, value: line.actual }, actual: { unit, value: line.uncappedActual } }) }));
  }
  return notes;
}
