import { describe, expect, it } from 'vitest';
import { appLink } from '../../../src/domain/deep-link.js';

describe('appLink', () => {
  it.each([
    [{ page: 'visit', visitId: 42 } as const, 'https://kpi.example.com/app/#/records/edit-visit?id=42'],
    [{ page: 'assessment', assessmentId: 7 } as const, 'https://kpi.example.com/app/#/assessments/detail?id=7'],
    [{ page: 'dashboard' } as const, 'https://kpi.example.com/app/#/dashboard'],
  ])('%o → %s', (target, url) => {
    expect(appLink('https://kpi.example.com/', target)).toBe(url);
  });
});
