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
/** Toasts shown at once: a new one pushes the oldest out. */
export const TOASTS_SHOWN = 3;

/** The toasts of the live board, newest last. */
export class ToastQueue {
	/** The toasts shown, oldest first. */
	toasts = $state.raw<Toast[]>([]);
	#seq = 0;

	/** Shows a toast for `TOAST_MS`; `key` names what it is about (see `dropWhere`). */
	show(input: { text: string; action?: Toast['action']; key?: string }): void {
		const next: Toast = { id: ++this.#seq, ...input };
		this.toasts = [...this.toasts, next].slice(-TOASTS_SHOWN);
		setTimeout(() => this.dismiss(next.id), TOAST_MS);
	}

	/** Takes a toast away (its close button, or its time is up). */
	dismiss(id: number): void {
		this.toasts = this.toasts.filter((one) => one.id !== id);
	}

	/** Takes away the toasts whose key no longer holds (e.g. a hand lowered). */
	dropWhere(stale: (key: string) => boolean): void {
		this.toasts = this.toasts.filter((one) => !one.key || !stale(one.key));
	}
}
