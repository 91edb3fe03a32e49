import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	JoinBoardAck,
	PresencePerson,
	ServerToClientEvents
} from '../shared/socket-events.ts';

/** State of the presence channel. */
export type PresenceStatus = 'connecting' | 'joined' | 'offline' | 'refused';

/** How long to wait for the `board:join` acknowledgement, in milliseconds. */
export const JOIN_ACK_TIMEOUT_MS = 10_000;

/**
 * "Who is here" on one board, over socket.io (`/socket.io`, session cookie): joins the board's
 * presence room on every (re)connection and keeps the list the server broadcasts.
 */
export class BoardPresence {
	/** Everyone on the board, this person included. */
	people = $state.raw<PresencePerson[]>([]);
	/** This person as the server sees them, once joined. */
	you = $state.raw<PresencePerson | null>(null);
	status = $state<PresenceStatus>('connecting');

	readonly #boardId: string;
	readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;

	/** `offline`: never connects (a replay shows a recorded board, nobody is on it). */
	constructor(input: { boardId: string; offline?: boolean }) {
		this.#boardId = input.boardId;
		const autoConnect = !input.offline;
		this.#socket = io({ path: '/socket.io', transports: ['websocket'], autoConnect });
		this.#socket.on('connect', this.#join);
		this.#socket.on('disconnect', () => {
			if (this.status !== 'refused') this.status = 'offline';
		});
		this.#socket.on('presence', ({ boardId, people }) => {
			if (boardId === this.#boardId) this.people = people;
		});
	}

	#join = () => {
		this.#socket
			.timeout(JOIN_ACK_TIMEOUT_MS)
			.emit('board:join', { boardId: this.#boardId }, (error: Error | null, ack: JoinBoardAck) => {
				if (error) {
					this.status = 'offline';
					return;
				}
				if (!ack.ok) {
					this.status = 'refused';
					return;
				}
				this.you = ack.you;
				this.people = ack.people;
				this.status = 'joined';
			});
	};

	/** The socket.io connection, shared with the board's facilitation (`facilitation.svelte.ts`). */
	get socket(): Socket<ServerToClientEvents, ClientToServerEvents> {
		return this.#socket;
	}

	/** Leaves the presence room and closes the socket. */
	destroy(): void {
		if (this.#socket.connected) this.#socket.emit('board:leave', { boardId: this.#boardId });
		this.#socket.removeAllListeners();
		this.#socket.disconnect();
	}
}
