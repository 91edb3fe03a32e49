/**
 * Copies `text` to the clipboard. Uses the asynchronous Clipboard API when the page may (secure
 * context), otherwise selects `fallback` (the field showing the text) and asks the browser to copy.
 * Resolves to true when the text was copied.
 */
export async function copyText(text: string, fallback?: HTMLInputElement | null): Promise<boolean> {
	if (navigator.clipboard && window.isSecureContext) {
		try {
			await navigator.clipboard.writeText(text);
			return true;
		} catch {
			// Permission refused: try the selection below.
		}
	}
	if (!fallback) return false;
	fallback.focus();
	fallback.select();
	try {
		return document.execCommand('copy');
	} catch {
		return false;
	}
}
