import type * as z from 'zod';
import { isUnstorableText } from './text-guard.ts';

/** Per-field failure codes of a form, e.g. `{ email: 'email_invalid' }` (translated by the page). */
export type FieldErrors = Record<string, string>;

/**
 * The failure code of each invalid field of a zod error: `<field>_invalid` (one message per field,
 * which says what a valid value looks like).
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path[0];
		if (typeof field === 'string' && !errors[field]) errors[field] = `${field}_invalid`;
	}
	return errors;
}

/**
 * The string value of a form field: '' when missing, a file, or holding text the database cannot
 * store (NUL, lone surrogates), so that validation then reports the field as invalid.
 */
export function formString(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' && !isUnstorableText(value) ? value : '';
}

/** A base no request can have: `next` must resolve to it to be a path of this site. */
const NEXT_BASE = 'http://next.invalid';
/** Control characters (browsers drop tabs and newlines inside URLs: `/\t/host` becomes `//host`). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** How many layers of percent-encoding are looked through. */
const MAX_DECODINGS = 3;

/** True when `path` could take a browser to another origin, as written. */
function leavesSite(path: string): boolean {
	return (
		!path.startsWith('/') ||
		path.startsWith('//') ||
		path.includes('\\') ||
		CONTROL_CHARACTERS.test(path)
	);
}

/**
 * `next` when it is a path on this site (`/boards/…`), normalised, otherwise null (the caller
 * then goes to its default page): never an open redirect to another origin, whether written
 * `//host`, `/\host`, `/\t/host`, `https://…`, `javascript:…`, or percent-encoded (`/%2F/host`,
 * `/%09/host`, `%2F%2Fhost`, twice encoded…).
 */
export function safeNextPath(next: string | null | undefined): string | null {
	if (!next || next.length > 2048) return null;
	let layer = next;
	for (let i = 0; i <= MAX_DECODINGS; i++) {
		if (leavesSite(layer)) return null;
		let decoded: string;
		try {
			decoded = decodeURIComponent(layer);
		} catch {
			return null; // a malformed escape is no path of ours
		}
		if (decoded === layer) break;
		if (i === MAX_DECODINGS) return null; // encoded deeper than any link of ours
		layer = decoded;
	}
	const url = new URL(next, NEXT_BASE);
	if (url.origin !== NEXT_BASE) return null;
	return url.pathname + url.search + url.hash;
}
