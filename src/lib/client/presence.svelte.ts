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
	readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null;

	/**
	 * `offline`: no socket at all (a replay shows a recorded board, nobody is on it): the list
	 * stays empty and the status `offline`.
	 */
	constructor(input: { boardId: string; offline?: boolean }) {
		this.#boardId = input.boardId;
		if (input.offline) {
			this.#socket = null;
			this.status = 'offline';
			return;
		}
		const socket = io({ path: '/socket.io', transports: ['websocket'] });
		this.#socket = socket;
		socket.on('connect', this.#join);
		socket.on('disconnect', () => {
			if (this.status !== 'refused') this.status = 'offline';
		});
		socket.on('presence', ({ boardId, people }) => {
			if (boardId === this.#boardId) this.people = people;
		});
	}

	#join = () => {
		this.#socket
			?.timeout(JOIN_ACK_TIMEOUT_MS)
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

	/**
	 * The socket.io connection, shared with the board's facilitation (`facilitation.svelte.ts`).
	 * A read-only view (`offline`) has none: asking for it is a programming error.
	 */
	get socket(): Socket<ServerToClientEvents, ClientToServerEvents> {
		if (!this.#socket) throw new Error('an offline board view has no socket.io connection');
		return this.#socket;
	}

	/** Leaves the presence room and closes the socket. */
	destroy(): void {
		const socket = this.#socket;
		if (!socket) return;
		if (socket.connected) socket.emit('board:leave', { boardId: this.#boardId });
		socket.removeAllListeners();
		socket.disconnect();
	}
}
