import type { Signal, Viewport } from '../../../src/lib/shared/facilitation.ts';

/**
 * The fleeting part of facilitation, kept in memory only (a restart clears it, which is what a
 * room expects of raised hands): raised hands in order, the follow-me leader and the spotlight.
 */
export class LiveState {
	readonly #hands = new Map<string, Map<string, Signal>>();
	readonly #leaders = new Map<string, { personId: string; name: string; socketId: string }>();
	readonly #spotlights = new Map<string, string>();
	readonly #viewports = new Map<string, Viewport>();
	readonly #brainstorms = new Set<string>();

	/** True while a silent brainstorm is on for a board. */
	brainstorm(boardId: string): boolean {
		return this.#brainstorms.has(boardId);
	}

	/** Starts or stops a board's silent brainstorm. */
	setBrainstorm(boardId: string, on: boolean): void {
		if (on) this.#brainstorms.add(boardId);
		else this.#brainstorms.delete(boardId);
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
		const hands = this.#hands.get(workshopId) ?? new Map<string, Signal>();
		this.#hands.set(workshopId, hands);
		if (raised === hands.has(signal.personId)) return false;
		if (raised) hands.set(signal.personId, signal);
		else hands.delete(signal.personId);
		return true;
	}

	/** The follow-me leader of a board, or null. */
	leader(boardId: string): { personId: string; name: string; socketId: string } | null {
		return this.#leaders.get(boardId) ?? null;
	}

	/** Sets or clears the follow-me leader of a board. */
	setLeader(boardId: string, leader: { personId: string; name: string; socketId: string } | null) {
		if (leader) this.#leaders.set(boardId, leader);
		else {
			this.#leaders.delete(boardId);
			this.#viewports.delete(boardId);
		}
	}

	/** Boards led from a socket (to end follow-me when it disconnects). */
	boardsLedBy(socketId: string): string[] {
		return [...this.#leaders].filter(([, lead]) => lead.socketId === socketId).map(([id]) => id);
	}

	/** The leader's latest viewport on a board. */
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
		if (itemId) this.#spotlights.set(boardId, itemId);
		else this.#spotlights.delete(boardId);
	}
}
