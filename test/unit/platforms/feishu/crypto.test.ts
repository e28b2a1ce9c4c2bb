import { describe, expect, it } from 'vitest';
import { decryptFeishu, encryptFeishu, feishuSignature, signatureMatches } from '../../../../src/platforms/feishu/crypto.js';
import { feishuUuid } from '../../../../src/platforms/feishu/api.js';

describe('Feishu crypto', () => {
  it('decrypts the official test vector', () => {
    expect(decryptFeishu('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('round-trips and refuses the wrong key', () => {
    const encrypted = encryptFeishu('k1', '{"a":"拜访"}');
    expect(decryptFeishu('k1', encrypted)).toBe('{"a":"拜访"}');
    expect(() => decryptFeishu('k2', encrypted)).toThrow();
    expect(() => decryptFeishu('k1', 'bm90IGVub3VnaA==')).toThrow();
  });

  it('signs sha256(timestamp + nonce + key + raw body) as lowercase hex', () => {
    const signature = feishuSignature('1700000000', 'nonce', 'key', '{"encrypt":"x"}');
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureMatches(signature, signature.toUpperCase())).toBe(true);
    expect(signatureMatches(signature, feishuSignature('1700000000', 'nonce', 'key', '{"encrypt": "x"}'))).toBe(false);
    expect(signatureMatches(signature, 'short')).toBe(false);
  });

  it('keeps message uuids within 50 characters, stably', () => {
    expect(feishuUuid('reply:feishu:om_1:0')).toBe('reply:feishu:om_1:0');
    const long = `reply:feishu:${'om_'.padEnd(60, 'x')}:0`;
    expect(feishuUuid(long).length).toBeLessThanOrEqual(50);
    expect(feishuUuid(long)).toBe(feishuUuid(long));
    expect(feishuUuid(long)).not.toBe(feishuUuid(`${long}1`));
  });
});
