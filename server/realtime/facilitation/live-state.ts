import type { Signal, Viewport } from '../../../src/lib/shared/facilitation.ts';

/** A follow-me leader: the person and the socket whose viewport others follow. */
export interface Leader {
	personId: string;
	name: string;
	socketId: string;
}

/**
 * One change of the live state, as announced to the other instances (see `live-share.ts`): each
 * instance holds the whole state, so a facilitator on one instance sees hands raised on another,
 * and a draft sent to any instance finds the brainstorm on.
 */
export type LiveChange =
	| { op: 'brainstorm'; boardId: string; on: boolean }
	| { op: 'hand'; workshopId: string; signal: Signal; raised: boolean }
	| { op: 'hand-name'; workshopId: string; personId: string; name: string }
	| { op: 'leader'; boardId: string; leader: Leader | null }
	| { op: 'spotlight'; boardId: string; itemId: string | null };

/**
 * The fleeting part of facilitation, kept in memory (a restart of every instance lowers hands and
 * ends follow-me, which is what a room expects): raised hands in order, the follow-me leader, the
 * spotlight, and whether a silent brainstorm is on (also recorded in `workshop_events`, from which
 * `brainstorm.ts` reads it back after a restart). Every change is handed to `publish`.
 */
export class LiveState {
	readonly #hands = new Map<string, Map<string, Signal>>();
	readonly #leaders = new Map<string, Leader>();
	readonly #spotlights = new Map<string, string>();
	readonly #viewports = new Map<string, Viewport>();
	/** Known brainstorm state per board; a board missing here is unknown (not read back yet). */
	readonly #brainstorms = new Map<string, boolean>();
	readonly #publish: (change: LiveChange) => void;

	constructor(publish: (change: LiveChange) => void = () => {}) {
		this.#publish = publish;
	}

	/** True while a silent brainstorm is on for a board (false while unknown). */
	brainstorm(boardId: string): boolean {
		return this.#brainstorms.get(boardId) ?? false;
	}

	/** True when this instance knows whether the board's brainstorm is on. */
	knowsBrainstorm(boardId: string): boolean {
		return this.#brainstorms.has(boardId);
	}

	/** Starts or stops a board's silent brainstorm. */
	setBrainstorm(boardId: string, on: boolean): void {
		this.apply({ op: 'brainstorm', boardId, on });
		this.#publish({ op: 'brainstorm', boardId, on });
	}

	/** Raised hands of a workshop, oldest first. */
	hands(workshopId: string): Signal[] {
		return [...(this.#hands.get(workshopId)?.values() ?? [])].sort((a, b) => a.at - b.at);
	}

	/** True when the person's hand is raised. */
	handRaised(workshopId: string, personId: string): boolean {
		return this.#hands.get(workshopId)?.has(personId) ?? false;
	}

	/** Raises (keeping the first time) or lowers a hand; false when nothing changed. */
	setHand(workshopId: string, signal: Signal, raised: boolean): boolean {
		const change: LiveChange = { op: 'hand', workshopId, signal, raised };
		if (!this.apply(change)) return false;
		this.#publish(change);
		return true;
	}

	/** Gives a raised hand the name its holder is now shown by; false when nothing changed. */
	renameHand(workshopId: string, personId: string, name: string): boolean {
		const change: LiveChange = { op: 'hand-name', workshopId, personId, name };
		if (!this.apply(change)) return false;
		this.#publish(change);
		return true;
	}

	/** The follow-me leader of a board, or null. */
	leader(boardId: string): Leader | null {
		return this.#leaders.get(boardId) ?? null;
	}

	/** Sets or clears the follow-me leader of a board. */
	setLeader(boardId: string, leader: Leader | null): void {
		this.apply({ op: 'leader', boardId, leader });
		this.#publish({ op: 'leader', boardId, leader });
	}

	/** Boards led from a socket (to end follow-me when it disconnects). */
	boardsLedBy(socketId: string): string[] {
		return [...this.#leaders].filter(([, lead]) => lead.socketId === socketId).map(([id]) => id);
	}

	/** The leader's latest viewport on a board (this instance's leaders only). */
	viewport(boardId: string): Viewport | null {
		return this.#viewports.get(boardId) ?? null;
	}

	/** Keeps the leader's latest viewport. */
	setViewport(boardId: string, viewport: Viewport): void {
		this.#viewports.set(boardId, viewport);
	}

	/** The item in the spotlight on a board, or null. */
	spotlight(boardId: string): string | null {
		return this.#spotlights.get(boardId) ?? null;
	}

	/** Sets or clears the spotlight of a board. */
	setSpotlight(boardId: string, itemId: string | null): void {
		this.apply({ op: 'spotlight', boardId, itemId });
		this.#publish({ op: 'spotlight', boardId, itemId });
	}

	/** Applies a change without announcing it (another instance's); false when nothing changed. */
	apply(change: LiveChange): boolean {
		switch (change.op) {
			case 'brainstorm': {
				const changed = this.#brainstorms.get(change.boardId) !== change.on;
				this.#brainstorms.set(change.boardId, change.on);
				return changed;
			}
			case 'hand': {
				const hands = this.#hands.get(change.workshopId) ?? new Map<string, Signal>();
				this.#hands.set(change.workshopId, hands);
				if (change.raised === hands.has(change.signal.personId)) return false;
				if (change.raised) hands.set(change.signal.personId, change.signal);
				else hands.delete(change.signal.personId);
				return true;
			}
			case 'hand-name': {
				const hands = this.#hands.get(change.workshopId);
				const signal = hands?.get(change.personId);
				if (!hands || !signal || signal.name === change.name) return false;
				hands.set(change.personId, { ...signal, name: change.name });
				return true;
			}
			case 'leader':
				if (change.leader) this.#leaders.set(change.boardId, change.leader);
				else {
					this.#leaders.delete(change.boardId);
					this.#viewports.delete(change.boardId);
				}
				return true;
			case 'spotlight':
				if (change.itemId) this.#spotlights.set(change.boardId, change.itemId);
				else this.#spotlights.delete(change.boardId);
				return true;
		}
	}

	/** The whole state as changes, for an instance that starts after this one. */
	changes(): LiveChange[] {
		const all: LiveChange[] = [];
		for (const [boardId, on] of this.#brainstorms) all.push({ op: 'brainstorm', boardId, on });
		for (const [workshopId, hands] of this.#hands) {
			for (const signal of hands.values())
				all.push({ op: 'hand', workshopId, signal, raised: true });
		}
		for (const [boardId, leader] of this.#leaders) all.push({ op: 'leader', boardId, leader });
		for (const [boardId, itemId] of this.#spotlights) {
			all.push({ op: 'spotlight', boardId, itemId });
		}
		return all;
	}
}
