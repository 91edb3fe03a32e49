/**
 * Calls `run` with the latest value at most once per animation frame: `push` many times during a
 * drag, one write per frame happens. `flush` runs a pending call now; `cancel` drops it.
 */
export function frameThrottle<T>(run: (value: T) => void): {
	push(value: T): void;
	flush(): void;
	cancel(): void;
} {
	let frame = 0;
	let pending: { value: T } | null = null;
	const fire = () => {
		frame = 0;
		if (!pending) return;
		const { value } = pending;
		pending = null;
		run(value);
	};
	return {
		push(value) {
			pending = { value };
			if (!frame) frame = requestAnimationFrame(fire);
		},
		flush() {
			if (frame) cancelAnimationFrame(frame);
			fire();
		},
		cancel() {
			if (frame) cancelAnimationFrame(frame);
			frame = 0;
			pending = null;
		}
	};
}
