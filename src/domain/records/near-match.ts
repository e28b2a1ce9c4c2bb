import { normaliseName } from './customer-name.js';

/** Edit distance between two short strings (customer names are short). */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let previous = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= B.length; j += 1) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[B.length] as number;
}

/**
 * Candidates whose name or an alias is close to what was typed: one contains the other (华为 /
 * 华为技术), or they differ by one character (two for names of six or more). Best first.
 */
export function nearMatches<C extends { id: number; names: string[] }>(typed: string, candidates: C[], limit = 3): C[] {
  const key = normaliseName(typed);
  if (key.length === 0) return [];
  const scored: { candidate: C; score: number }[] = [];
  for (const candidate of candidates) {
    let best = Infinity;
    for (const name of candidate.names) {
      const other = normaliseName(name);
      if (!other) continue;
      const shorter = Math.min([...key].length, [...other].length);
      if (shorter >= 2 && (other.includes(key) || key.includes(other))) best = Math.min(best, Math.abs([...other].length - [...key].length) / 10);
      const allowed = Math.max([...key].length, [...other].length) >= 6 ? 2 : 1;
      const distance = editDistance(key, other);
      if (distance <= allowed && shorter >= 2) best = Math.min(best, distance);
    }
    if (best < Infinity) scored.push({ candidate, score: best });
  }
  return scored.sort((a, b) => a.score - b.score || a.candidate.id - b.candidate.id).slice(0, limit).map((s) => s.candidate);
}
