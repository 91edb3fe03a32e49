/**
 * Text the database cannot store faithfully: PostgreSQL refuses the NUL character in `text`
 * columns (the insert fails with a 500), and a lone UTF-16 surrogate would be stored as U+FFFD,
 * silently changing what the person wrote. Both are refused at the edge with a 400.
 */

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` holds a NUL character or a lone surrogate. */
export function isUnstorableText(text: string): boolean {
	return UNSTORABLE.test(text);
}

/**
 * The path (e.g. `name` or `items.2.title`) of the first string in `value` (a parsed JSON body) the
 * database cannot store, or null when every string is fine. Object keys are checked too.
 */
export function findUnstorableText(value: unknown, path: string[] = []): string | null {
	if (typeof value === 'string') return isUnstorableText(value) ? path.join('.') || '(body)' : null;
	if (typeof value !== 'object' || value === null) return null;
	for (const [key, child] of Object.entries(value)) {
		if (isUnstorableText(key)) return [...path, '(key)'].join('.');
		const found = findUnstorableText(child, [...path, key]);
		if (found !== null) return found;
	}
	return null;
}
