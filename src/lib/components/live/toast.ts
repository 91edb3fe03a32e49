/** A short notice over the canvas; it leaves by itself after `TOAST_MS`. */
export interface Toast {
	id: number;
	text: string;
	/** What the toast is about (e.g. `hand:<personId>`), to take it back when it no longer holds. */
	key?: string;
	/** Optional action, e.g. "open the queue". */
	action?: { label: string; run: () => void };
}

/** How long a toast stays, in milliseconds. */
export const TOAST_MS = 6_000;
