import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { BadMessageError } from './protocol.ts';

/**
 * Awareness updates decoded by hand, so that the server can check who announces which client id
 * and put its own idea of the sender's identity (name, category, colour) into every state.
 *
 * Wire format (y-protocols/awareness): varUint count, then per entry varUint clientID,
 * varUint clock and varString JSON state (`null` when the client left).
 */

/** One entry of an awareness update. */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** The client's state (a JSON object), or null when it left. */
	state: Record<string, unknown> | null;
}

/** What every awareness state says about its author, filled in by the server. */
export interface AwarenessUser {
	name: string;
	category: string | null;
	/** `#rrggbb`, from `colorForUser`. */
	color: string;
}

/** Most client ids one connection may own (a tab has one; a few covers re-created documents). */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes an awareness update; throws `BadMessageError` when it is truncated or not JSON objects. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		if (state !== null && !isPlainObject(state)) {
			throw new BadMessageError(`awareness state of client ${clientId} is not an object`);
		}
		entries.push({ clientId, clock, state });
	}
	return entries;
}

/** Encodes entries back into an awareness update that `applyAwarenessUpdate` accepts. */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(encoder);
}

/** The entry with `state.user` replaced by the server's identity (null states are kept as is). */
export function withServerIdentity(entry: AwarenessEntry, user: AwarenessUser): AwarenessEntry {
	if (entry.state === null) return entry;
	return { ...entry, state: { ...entry.state, user: { ...user } } };
}

/** Someone who may own awareness client ids: a connection, as far as this module cares. */
export interface AwarenessOwner {
	readonly userId: string;
	/** Client ids this owner announced first (kept by the owner, updated by `AwarenessOwners`). */
	readonly clientIds: Set<number>;
}

/**
 * Which connection owns which awareness client id in one room. A connection owns the ids it
 * announces first. Another connection of the same user takes an id over when it sends a newer
 * state for it (a reconnect may arrive before the server noticed the old socket died); anyone
 * else's entries for it are dropped. (The stock client re-sends the states it receives from
 * others, with their clock: such echoes are never newer, so they never move an id.)
 */
export class AwarenessOwners<Owner extends AwarenessOwner> {
	readonly #owners = new Map<number, Owner>();

	/**
	 * True when `owner` may publish this entry (claiming the id when free). `newer` tells whether
	 * the entry's clock is ahead of the state the room holds for that id.
	 */
	claim(clientId: number, owner: Owner, entry: { removal: boolean; newer: boolean }): boolean {
		const current = this.#owners.get(clientId);
		if (current === owner) return true;
		if (entry.removal || !entry.newer) return false;
		if (current && current.userId !== owner.userId) return false;
		if (owner.clientIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
		current?.clientIds.delete(clientId);
		this.#owners.set(clientId, owner);
		owner.clientIds.add(clientId);
		return true;
	}

	/** The owner of `clientId`, or undefined. */
	ownerOf(clientId: number): Owner | undefined {
		return this.#owners.get(clientId);
	}

	/** Forgets every id of `owner` (it left); returns them, to remove their states. */
	release(owner: Owner): number[] {
		const ids = [...owner.clientIds];
		for (const id of ids) {
			if (this.#owners.get(id) === owner) this.#owners.delete(id);
		}
		owner.clientIds.clear();
		return ids;
	}
}
