/** Websocket close codes used by the realtime server, mirroring HTTP statuses where they can. */
export const CloseCode = {
	/** The message could not be decoded or broke the protocol. */
	BadMessage: 4400,
	/** No valid session or ticket. */
	Unauthorized: 4401,
	/** Authenticated, but not allowed to do this on this board. */
	Forbidden: 4403,
	/** The board does not exist (any more). */
	NotFound: 4404,
	/** The update writes under a Yjs client id bound to someone else: never accepted. */
	ClientIdTaken: 4409,
	/** The message is larger than `MAX_MESSAGE_BYTES`. */
	TooLarge: 4413,
	/**
	 * The update is well-formed but refused by `update-guard.ts`: a gap in its clocks, a reference to
	 * structs not held, deletes beyond what exists, an unknown root type, or a forged category.
	 */
	InvalidUpdate: 4422,
	/** The update changes something locked by a facilitator (board, frame or object). */
	Locked: 4423,
	/** Too many messages in too short a time. */
	RateLimited: 4429,
	/** The server is shutting down: reconnect (possibly to another instance). */
	Restarting: 4503,
	/**
	 * The update writes under a Yjs client id whose owner this instance has not read yet (it was
	 * bound on another instance): the owners are read again, reconnect. In the 45xx range, which
	 * the stock y-websocket client retries (it gives up on 44xx).
	 */
	ClientIdUnverified: 4510,
	/** The board holds `MAX_OBJECTS_PER_BOARD` objects: the update adding more was refused. */
	BoardFull: 4507
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
