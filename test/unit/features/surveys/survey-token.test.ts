import { describe, expect, it } from 'vitest';
import { newSurveyLinkId, signSurveyToken, surveyUrl, verifySurveyToken } from '../../../../src/features/surveys/survey-token.js';

describe('survey token', () => {
  const config = { surveySecret: 's'.repeat(32), webSessionSecret: undefined };

  it('verifies its own signature and returns the id', () => {
    const id = newSurveyLinkId();
    expect(verifySurveyToken(config, signSurveyToken(config, id))).toBe(id);
  });

  it('refuses an edited id or mac, another key, and malformed tokens', () => {
    const id = newSurveyLinkId();
    const token = signSurveyToken(config, id);
    const [, mac] = token.split('.') as [string, string];
    const other = newSurveyLinkId();
    expect(verifySurveyToken(config, `${other}.${mac}`)).toBeUndefined();
    expect(verifySurveyToken(config, `${id}.${mac.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)).toBeUndefined();
    expect(verifySurveyToken({ surveySecret: 't'.repeat(32), webSessionSecret: undefined }, token)).toBeUndefined();
    for (const bad of ['', id, `${token}.x`, `${id}.${mac}=`, '../../etc/passwd']) expect(verifySurveyToken(config, bad)).toBeUndefined();
  });

  it('without SURVEY_SECRET it uses a key derived from WEB_SESSION_SECRET, not the session secret itself', () => {
    const session = 'w'.repeat(32);
    const id = newSurveyLinkId();
    const derived = signSurveyToken({ surveySecret: undefined, webSessionSecret: session }, id);
    expect(verifySurveyToken({ surveySecret: undefined, webSessionSecret: session }, derived)).toBe(id);
    expect(derived).not.toBe(signSurveyToken({ surveySecret: session, webSessionSecret: undefined }, id));
  });

  it('builds the public URL under PUBLIC_BASE_URL', () => {
    expect(surveyUrl('https://kpi.example.com/', 'abc.def')).toBe('https://kpi.example.com/s/abc.def');
  });
});
