import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Returns the 32-byte sealing key: derived from `SECRET` when set, otherwise from a random secret
 * kept in `<dataDir>/secret.key` (created on first start, readable by the owner only).
 */
export function loadSealKey(config: Pick<Config, 'secret' | 'dataDir'>): Uint8Array {
	let secret = config.secret;
	if (!secret) {
		const file = path.join(config.dataDir, 'secret.key');
		if (fs.existsSync(file)) {
			secret = fs.readFileSync(file, 'utf8').trim();
		} else {
			fs.mkdirSync(config.dataDir, { recursive: true });
			secret = randomBytes(32).toString('base64url');
			fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
		}
	}
	return new Uint8Array(createHash('sha256').update(secret).digest());
}

/** Encrypts `text` with `key`; the result is base64url (IV, tag, ciphertext). */
export function seal(key: Uint8Array, text: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv(ALGORITHM, key, iv);
	const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Decrypts what `seal` produced; returns null when the key is wrong or the data was altered. */
export function unseal(key: Uint8Array, sealed: string): string | null {
	try {
		const raw = Buffer.from(sealed, 'base64url');
		const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES));
		decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		return Buffer.concat([
			decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
			decipher.final()
		]).toString('utf8');
	} catch {
		return null;
	}
}
