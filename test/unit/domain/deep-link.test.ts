import { describe, expect, it } from 'vitest';
import { appLink } from '../../../src/domain/deep-link.js';

describe('appLink', () => {
  it.each([
    [{ page: 'visit', visitId: 42 } as const, 'https://kpi.example.com/app/#/records/edit-visit?id=42'],
    [{ page: 'assessment', assessmentId: 7 } as const, 'https://kpi.example.com/app/#/assessments/detail?id=7'],
    [{ page: 'dashboard' } as const, 'https://kpi.example.com/app/#/dashboard'],
    [{ page: 'dashboard', period: '2026-W48' } as const, 'https://kpi.example.com/app/#/dashboard?period=2026-W48'],
    [{ page: 'dashboard', userId: 3 } as const, 'https://kpi.example.com/app/#/dashboard?userId=3'],
    [{ page: 'team', period: '2026-W48' } as const, 'https://kpi.example.com/app/#/team?period=2026-W48'],
    [{ page: 'team' } as const, 'https://kpi.example.com/app/#/team'],
  ])('%o → %s', (target, url) => {
    expect(appLink('https://kpi.example.com/', target)).toBe(url);
  });
});
