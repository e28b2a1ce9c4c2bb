import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { secretsEqual } from '../secret-compare.js';

/**
 * Feishu's callback cryptography, exactly as the platform documents it: the signature is plain
 * SHA-256 (not HMAC) over timestamp + nonce + encrypt key followed by the raw body bytes, and
 * encrypted bodies are AES-256-CBC with key = SHA-256(encrypt key) and the IV prefixed.
 */

/** hex(SHA-256(utf8(timestamp + nonce + encryptKey) ++ rawBody)). */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string | Buffer): string {
  return createHash('sha256')
    .update(Buffer.from(timestamp + nonce + encryptKey, 'utf8'))
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(expectedHex: string, receivedHex: string): boolean {
  return secretsEqual(receivedHex.toLowerCase(), expectedHex);
}

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** Decrypts base64(iv || ciphertext); throws on a wrong key or corrupt data. */
export function decryptFeishu(encryptKey: string, encrypted: string): string {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length < 32 || data.length % 16 !== 0) throw new Error('encrypted payload has an invalid length');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
}

/** Encrypts as Feishu does (used by the simulator and tests). */
export function encryptFeishu(encryptKey: string, plaintext: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}
