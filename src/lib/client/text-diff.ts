/**
 * Pure helpers binding a `<textarea>` to a `Y.Text`: local edits become one minimal splice, and
 * remote changes move the local caret the way the text moved.
 */

/** One contiguous change: delete `remove` UTF-16 units at `index`, then insert `insert` there. */
export interface TextSplice {
	index: number;
	remove: number;
	insert: string;
}

/** One operation of a Yjs text delta (`Y.YTextEvent.delta`); attributes are ignored here. */
export type TextDeltaOp = { retain: number } | { insert: string | object } | { delete: number };

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The smallest splice turning `prev` into `next`, or null when they are equal. `caret` (the caret
 * position in `next` after the edit, e.g. `selectionEnd` in an `input` event) resolves ambiguous
 * cases such as typing "a" inside "aaa", so the splice lands where the person typed. Never splits a
 * surrogate pair (an emoji stays whole).
 */
export function diffText(prev: string, next: string, caret?: number): TextSplice | null {
	if (prev === next) return null;
	const shortest = Math.min(prev.length, next.length);
	const samePrefix = (limit: number) => {
		let n = 0;
		while (n < limit && prev.charCodeAt(n) === next.charCodeAt(n)) n++;
		return n;
	};
	const sameSuffix = (limit: number) => {
		let n = 0;
		while (
			n < limit &&
			prev.charCodeAt(prev.length - 1 - n) === next.charCodeAt(next.length - 1 - n)
		) {
			n++;
		}
		return n;
	};
	let prefix: number;
	let suffix: number;
	if (caret === undefined) {
		prefix = samePrefix(shortest);
		suffix = sameSuffix(shortest - prefix);
	} else {
		// Text after the caret is untouched, so the common suffix may not reach before it.
		suffix = sameSuffix(Math.min(shortest, Math.max(0, next.length - caret)));
		prefix = samePrefix(shortest - suffix);
	}
	// Keep surrogate pairs whole: the change must not start after a high or end before a low half.
	if (prefix > 0 && isHighSurrogate(prev.charCodeAt(prefix - 1))) prefix--;
	if (suffix > 0 && isLowSurrogate(prev.charCodeAt(prev.length - suffix))) suffix--;
	return {
		index: prefix,
		remove: prev.length - prefix - suffix,
		insert: next.slice(prefix, next.length - suffix)
	};
}

/** `text` with `splice` applied. */
export function applySplice(text: string, splice: TextSplice): string {
	return text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.remove);
}

/**
 * Where a caret at `position` goes after a remote change described by a Yjs delta. Text inserted
 * exactly at the caret stays after it (the local person keeps typing where they were); deleted text
 * before the caret pulls it back, down to the start of the deletion.
 */
export function transformPosition(position: number, delta: readonly TextDeltaOp[]): number {
	let index = 0;
	let result = position;
	for (const op of delta) {
		if ('retain' in op) {
			index += op.retain;
		} else if ('insert' in op) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (index < result) result += length;
			index += length;
		} else if ('delete' in op) {
			if (index < result) result -= Math.min(op.delete, result - index);
		}
	}
	return result;
}
