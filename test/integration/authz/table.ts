import { readFileSync } from 'node:fs';
import { OWNERS, type Owner, type Role } from './fixture.js';
import { DOORS, PROBES, type Door } from './probes.js';
import type { Outcome } from './doors.js';

/** 'main': the grid on the demo org; 'sod': separation-of-duties cells on an org with an assessed HR user and a leaderless team. */
export type Section = 'main' | 'sod';
/** '': checked as written. 'known-hole': written as it should be; today's code still lets it through. 'pending-sod': the target of the SoD branch. */
export type Mark = '' | 'known-hole' | 'pending-sod';

export interface Cell {
  line: number;
  section: Section;
  action: string;
  door: Door;
  role: Role;
  owner: Owner;
  /** 'allow', 'deny', 'deny 403' (HTTP status) or 'deny <refusal key>' (chat, card; 'absent' for a list that leaves the row out). */
  expected: string;
  mark: Mark;
  note: string;
}

const SECTION_ROLES: Record<Section, readonly string[]> = {
  main: ['rep', 'otherRep', 'manager', 'otherManager', 'hr', 'admin', 'deactivated', 'stranger'],
  sod: ['hr', 'admin', 'assessedHr'],
};

/** Reads matrix.csv: `section,action,door,role,owner,expected,mark,note`; '#' lines and blank lines are comments. */
export function readMatrix(path = new URL('./matrix.csv', import.meta.url)): Cell[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const cells: Cell[] = [];
  const seen = new Set<string>();
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '' || text.startsWith('#') || text.startsWith('section,')) return;
    const [section, action, door, role, owner, expected, mark = '', ...rest] = text.split(',').map((s) => s.trim());
    const fail = (why: string) => {
      throw new Error(`matrix.csv:${line}: ${why}: ${text}`);
    };
    if (section !== 'main' && section !== 'sod') fail('section is main or sod');
    if (!SECTION_ROLES[section as Section].includes(role as string)) fail(`unknown role for ${section}`);
    if (!(DOORS as readonly string[]).includes(door as string)) fail('unknown door');
    if (!PROBES[`${action}@${door}`]) fail('no probe for this action and door');
    if (!(OWNERS as readonly string[]).includes(owner as string)) fail('owner is rep, otherRep or -');
    if (!/^(allow|deny( \S+)?)$/.test(expected ?? '')) fail('expected is allow, deny, deny <status> or deny <key>');
    if (!['', 'known-hole', 'pending-sod'].includes(mark)) fail('mark is empty, known-hole or pending-sod');
    if (mark !== '' && rest.join(',').trim() === '') fail('a marked cell says why in its note');
    const key = [section, action, door, role, owner].join('|');
    if (seen.has(key)) fail('the same cell twice');
    seen.add(key);
    cells.push({ line, section: section as Section, action: action as string, door: door as Door, role: role as Role, owner: owner as Owner, expected: expected as string, mark: mark as Mark, note: rest.join(',').trim() });
  });
  return cells;
}

/** Whether what happened is what the cell says. */
export function matches(expected: string, got: Outcome): boolean {
  if (expected === 'allow') return got.allowed;
  if (got.allowed) return false;
  const detail = expected.slice('deny'.length).trim();
  if (detail === '') return true;
  return /^\d{3}$/.test(detail) ? got.status === Number(detail) : got.refusal === detail;
}

export function describeOutcome(got: Outcome): string {
  if (got.allowed) return `allow (${got.detail})`;
  return `deny ${got.refusal && got.refusal !== '?' ? got.refusal : (got.status ?? '?')} (${got.detail})`;
}
