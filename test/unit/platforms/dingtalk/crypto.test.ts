import { describe, expect, it } from 'vitest';
import { signCardCallback, signRobotCallback, verifyCardCallback, verifyRobotCallback } from '../../../../src/platforms/dingtalk/crypto.js';

describe('DingTalk signatures', () => {
  it('matches the documented test vectors', () => {
    expect(signRobotCallback('1700000000000', 'test-secret')).toBe('BYMqUCZnSqbfPf1GCfZftO7Rg2g6P+Rp3/4+bLNtSGA=');
    expect(signCardCallback('1700000000000', 'card-api-secret')).toBe('w5yasVoE0C5W/x7zrNW8ReAk8FfqvWC8eTrZdsewFR4=');
  });

  it('accepts within ±1 hour and rejects outside it, or with any other sign', () => {
    const ts = 1_700_000_000_000;
    const sign = signRobotCallback(String(ts), 'test-secret');
    expect(verifyRobotCallback(String(ts), sign, 'test-secret', ts + 3_600_000)).toBe(true);
    expect(verifyRobotCallback(String(ts), sign, 'test-secret', ts - 3_600_000)).toBe(true);
    expect(verifyRobotCallback(String(ts), sign, 'test-secret', ts + 3_600_001)).toBe(false);
    expect(verifyRobotCallback(String(ts), sign, 'other-secret', ts)).toBe(false);
    expect(verifyRobotCallback(String(ts), `${sign.slice(0, -2)}x=`, 'test-secret', ts)).toBe(false);
    expect(verifyRobotCallback(String(ts), undefined, 'test-secret', ts)).toBe(false);
    expect(verifyRobotCallback('17e11', sign, 'test-secret', ts)).toBe(false);
    const cardSig = signCardCallback(String(ts), 'card-api-secret');
    expect(verifyCardCallback(String(ts), cardSig, 'card-api-secret', ts)).toBe(true);
    expect(verifyCardCallback(String(ts), cardSig, 'card-api-secret', ts + 2 * 3_600_000)).toBe(false);
  });
});
