import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { CloseCode } from './close-codes.ts';
import {
	REASON_OF_CLOSE_CODE,
	REFUSAL_REASONS,
	isRefusalReason,
	reasonOfCloseCode,
	reasonOfStatus
} from './refusals.ts';

describe('refusal vocabulary', () => {
	it('has a French and an English message for every reason', () => {
		for (const reason of REFUSAL_REASONS) {
			expect(fr[`refusal_${reason}`], reason).toMatch(/\S/);
			expect(en[`refusal_${reason}`], reason).toMatch(/\S/);
		}
	});

	it('maps every websocket close code to a reason, and nothing else', () => {
		for (const code of Object.values(CloseCode)) {
			expect(isRefusalReason(reasonOfCloseCode(code)), String(code)).toBe(true);
		}
		expect(Object.keys(REASON_OF_CLOSE_CODE).map(Number).sort()).toEqual(
			Object.values(CloseCode).sort()
		);
		expect(reasonOfCloseCode(1000)).toBeNull();
		expect(reasonOfCloseCode(1006)).toBeNull();
	});

	it('names the reasons a person meets most the same way in every channel', () => {
		expect(reasonOfCloseCode(CloseCode.Locked)).toBe('locked');
		expect(reasonOfCloseCode(CloseCode.BoardFull)).toBe('limit');
		expect(reasonOfCloseCode(CloseCode.RateLimited)).toBe(reasonOfStatus(429));
		expect(reasonOfCloseCode(CloseCode.Forbidden)).toBe(reasonOfStatus(403));
		expect(reasonOfCloseCode(CloseCode.Unauthorized)).toBe(reasonOfStatus(401));
		expect(reasonOfCloseCode(CloseCode.NotFound)).toBe(reasonOfStatus(404));
		expect(reasonOfCloseCode(CloseCode.TooLarge)).toBe(reasonOfStatus(413));
		expect(reasonOfStatus(400)).toBe('invalid');
		expect(reasonOfStatus(409)).toBe('conflict');
		expect(reasonOfStatus(500)).toBe('unavailable');
	});
});
