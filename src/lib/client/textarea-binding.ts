import type * as Y from 'yjs';
import { diffText, transformPosition, type TextDeltaOp } from './text-diff.ts';

/**
 * Binds a `<textarea>` to a `Y.Text` both ways: local input is written as one minimal splice (in a
 * transaction whose origin is `origin`), remote changes replace the value while keeping the local
 * caret and selection where they were in the text. Returns the function that unbinds.
 */
export function bindTextarea(
	textarea: HTMLTextAreaElement,
	text: Y.Text,
	origin: unknown
): () => void {
	let composing = false;
	/** The text as the textarea last showed it in sync with the document. */
	let shadow = text.toString();
	/** Remote changes that arrived during an IME composition, applied when it ends. */
	let missed: TextDeltaOp[][] = [];
	if (textarea.value !== shadow) textarea.value = shadow;

	const writeLocal = () => {
		const splice = diffText(shadow, textarea.value, textarea.selectionEnd);
		const caught = missed;
		missed = [];
		if (splice && text.doc) {
			// Map the local splice over the remote changes the textarea has not shown yet.
			const index = caught.reduce((at, delta) => transformPosition(at, delta), splice.index);
			const remove = Math.min(splice.remove, Math.max(0, text.length - index));
			text.doc.transact(() => {
				if (remove > 0) text.delete(index, remove);
				if (splice.insert) text.insert(index, splice.insert);
			}, origin);
			if (caught.length > 0) {
				textarea.value = text.toString();
				const caret = index + splice.insert.length;
				textarea.setSelectionRange(caret, caret);
			}
		} else if (caught.length > 0) {
			textarea.value = text.toString();
		}
		shadow = text.toString();
	};

	const onInput = () => {
		// During an IME composition the value is provisional: write it once the composition ends.
		if (!composing) writeLocal();
	};
	const onCompositionStart = () => {
		composing = true;
	};
	const onCompositionEnd = () => {
		composing = false;
		writeLocal();
	};

	const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
		if (transaction.origin === origin) return;
		const delta = event.delta as TextDeltaOp[];
		if (composing) {
			missed.push(delta);
			return;
		}
		const focused = textarea.ownerDocument.activeElement === textarea;
		const { selectionStart, selectionEnd, selectionDirection } = textarea;
		shadow = text.toString();
		textarea.value = shadow;
		if (focused) {
			textarea.setSelectionRange(
				transformPosition(selectionStart, delta),
				transformPosition(selectionEnd, delta),
				selectionDirection ?? 'none'
			);
		}
	};

	textarea.addEventListener('input', onInput);
	textarea.addEventListener('compositionstart', onCompositionStart);
	textarea.addEventListener('compositionend', onCompositionEnd);
	text.observe(onRemote);
	return () => {
		textarea.removeEventListener('input', onInput);
		textarea.removeEventListener('compositionstart', onCompositionStart);
		textarea.removeEventListener('compositionend', onCompositionEnd);
		text.unobserve(onRemote);
	};
}
