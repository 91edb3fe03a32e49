import type { Socket } from 'socket.io-client';
import type { CommandAck, CommandName } from '../shared/commands.ts';
import {
	WHOLE_BOARD,
	type Reaction,
	type LiveRunState,
	type Signal,
	type Viewport,
	type VoteResult,
	type VoteRound,
	type VoteTally
} from '../shared/facilitation.ts';
import type {
	ClientToServerEvents,
	CommandArgs,
	FacilitationJoinAck,
	ServerToClientEvents
} from '../shared/socket-events.ts';
import type { CanvasCamera } from './camera.svelte.ts';
import { PrivateDrafts } from './drafts.svelte.ts';

type FacilitationSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Shortest interval between two viewports sent while leading "follow me", in milliseconds. */
const VIEWPORT_SEND_MS = 50;

/** How long a reaction burst stays on the canvas, in milliseconds. */
export const BURST_MS = 2_600;

/** Reactions kept in the facilitator's feed. */
const REACTION_FEED_LENGTH = 20;

/**
 * The facilitation state of one board in the browser, over the presence socket: agenda, phase and
 * timer; hands and reactions (facilitators); follow-me, spotlight and locks. The server owns all
 * of it: this class sends commands and keeps what the server announces.
 */
export class BoardFacilitation {
	liveRun = $state.raw<LiveRunState | null>(null);
	/** `serverNow - Date.now()` when the last state arrived, to correct this clock. */
	clockOffsetMs = $state(0);
	locks = $state.raw<string[]>([]);
	hands = $state.raw<Signal[]>([]);
	handRaised = $state(false);
	reactions = $state.raw<{ reaction: Reaction; from: Signal }[]>([]);
	/** Reactions of the last seconds, drawn as bursts on everyone's canvas. */
	bursts = $state.raw<{ id: number; reaction: Reaction }[]>([]);
	#burstSeq = 0;
	leader = $state.raw<{ personId: string; name: string } | null>(null);
	/** True while this person follows the leader's viewport (they may leave). */
	following = $state(true);
	spotlight = $state<string | null>(null);
	/** The open voting round, or null. */
	vote = $state.raw<VoteRound | null>(null);
	/**
	 * Facilitators: how many voted in the open round, out of those who may, and the dots per object
	 * and category so far (null: no figure yet).
	 */
	progress = $state.raw<{
		roundId: string;
		voted: number;
		total: number;
		tally: VoteTally[];
	} | null>(null);
	/** This person's dots in the open round (one entry per dot). */
	myDots = $state.raw<string[]>([]);
	/** The latest closed round with its results (hidden until it closed). */
	results = $state.raw<{ round: VoteRound; results: VoteResult[] } | null>(null);
	/** Facilitators: private ideas written per category before the reveal. */
	draftCounts = $state.raw<Record<string, number>>({});
	/** True while a silent brainstorm is on. */
	brainstorm = $state(false);
	/**
	 * The workshop's anonymous mode as last announced live (null: unchanged since the page
	 * loaded). Every round of an anonymous workshop is anonymous.
	 */
	workshopAnonymous = $state<boolean | null>(null);
	/** This person's private notes during a silent brainstorm (nobody else sees them before the reveal). */
	readonly drafts: PrivateDrafts;
	/** Participants: their own peer-group board while the groups work apart (else null). */
	group = $state.raw<{ boardId: string; category: string } | null>(null);
	readonly dotsLeft: number = $derived(this.vote ? this.vote.dots - this.myDots.length : 0);
	readonly boardLocked: boolean = $derived(this.locks.includes(WHOLE_BOARD));

	readonly #socket: FacilitationSocket;
	readonly #boardId: string;
	#camera: CanvasCamera | null = null;
	#pendingViewport: Viewport | null = null;
	#viewportTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(input: { socket: FacilitationSocket; boardId: string }) {
		this.#socket = input.socket;
		this.#boardId = input.boardId;
		this.drafts = new PrivateDrafts(async (update) => {
			const ack = await this.#command('draft:update', { update });
			return ack.ok;
		});
		this.#listen();
	}

	/** Asks for the whole state; call once the board's presence is joined (and after reconnects). */
	async join(): Promise<void> {
		const ack: FacilitationJoinAck = await this.#socket.emitWithAck('facilitation:join', {
			boardId: this.#boardId
		});
		if (!ack.ok) return;
		this.#setLiveRun(ack.liveRun);
		this.locks = ack.locks;
		this.leader = ack.follow;
		this.spotlight = ack.spotlight;
		this.hands = ack.hands;
		this.handRaised = ack.handRaised;
		this.vote = ack.vote.round;
		this.myDots = ack.vote.mine;
		this.results = ack.vote.last;
		this.brainstorm = ack.brainstorm;
		this.group = ack.group;
		const state = await this.#socket.emitWithAck('draft:sync', { boardId: this.#boardId });
		this.drafts.applyRemote(new Uint8Array(state));
	}

	/** The camera that follows the leader (a participant's canvas). */
	attachCamera(camera: CanvasCamera): void {
		this.#camera = camera;
	}

	#setLiveRun(state: LiveRunState): void {
		this.liveRun = state;
		this.clockOffsetMs = state.serverNow - Date.now();
	}

	#listen(): void {
		const mine = (boardId: string) => boardId === this.#boardId;
		const socket = this.#socket;
		socket.on('run:state', (state) => this.#setLiveRun(state));
		// Role, category or removal changed: the server decides again on reload.
		socket.on('access:changed', () => window.location.reload());
		// Anonymous mode is applied live: names follow through presence and awareness.
		socket.on('workshop:anonymity', ({ anonymous }) => (this.workshopAnonymous = anonymous));
		// Peer groups split, or crossing back: the server says which board to be on.
		socket.on('workshop:goto', ({ boardId }) => {
			if (!mine(boardId)) window.location.assign(`/boards/${encodeURIComponent(boardId)}`);
		});
		socket.on('hands:state', ({ hands }) => (this.hands = hands));
		socket.on('hand:yours', ({ raised }) => (this.handRaised = raised));
		socket.on('reaction', ({ reaction, from }) => {
			this.reactions = [{ reaction, from }, ...this.reactions].slice(0, REACTION_FEED_LENGTH);
		});
		socket.on('reaction:burst', ({ boardId, reaction }) => {
			if (!mine(boardId)) return;
			const id = ++this.#burstSeq;
			this.bursts = [...this.bursts, { id, reaction }];
			setTimeout(() => (this.bursts = this.bursts.filter((one) => one.id !== id)), BURST_MS);
		});
		socket.on('locks:state', ({ boardId, targets }) => {
			if (mine(boardId)) this.locks = targets;
		});
		socket.on('spotlight', ({ boardId, itemId }) => {
			if (mine(boardId)) this.spotlight = itemId;
		});
		socket.on('follow:state', ({ boardId, leader }) => {
			if (!mine(boardId)) return;
			this.leader = leader;
			this.following = true;
		});
		socket.on('follow:viewport', ({ boardId, viewport }) => {
			if (mine(boardId) && this.following) this.#follow(viewport);
		});
		socket.on('vote:state', ({ boardId, round }) => {
			if (!mine(boardId)) return;
			if (round?.id !== this.vote?.id) this.myDots = [];
			this.vote = round;
		});
		socket.on('vote:progress', ({ boardId, roundId, voted, total, tally }) => {
			if (mine(boardId)) this.progress = { roundId, voted, total, tally };
		});
		socket.on('vote:mine', ({ boardId, dots }) => {
			if (mine(boardId)) this.myDots = dots;
		});
		socket.on('vote:results', ({ boardId, round, results }) => {
			if (mine(boardId)) this.results = { round, results };
		});
		socket.on('brainstorm:state', ({ boardId, on }) => {
			if (mine(boardId)) this.brainstorm = on;
		});
		socket.on('brainstorm:drafts', ({ boardId, byCategory }) => {
			if (mine(boardId)) this.draftCounts = byCategory;
		});
		socket.on('draft:update', ({ boardId, update }) => {
			if (mine(boardId)) this.drafts.applyRemote(new Uint8Array(update));
		});
		socket.on('draft:cleared', ({ boardId }) => {
			if (mine(boardId)) this.drafts.clear();
		});
	}

	#follow(viewport: Viewport): void {
		const camera = this.#camera;
		if (!camera) return;
		const { x, y, zoom } = viewport;
		camera.camera = { x: camera.width / 2 - x * zoom, y: camera.height / 2 - y * zoom, zoom };
	}

	/** Sends command `name` of the shared table (`commands.ts`) about this board; its answer. */
	#command<N extends CommandName>(name: N, payload: CommandArgs<N>): Promise<CommandAck> {
		// socket.io cannot type a generic event name's arguments: the table types `payload`.
		const emit = this.#socket.emitWithAck as (
			event: N,
			payload: CommandArgs<N> & { boardId: string }
		) => Promise<CommandAck>;
		return emit.call(this.#socket, name, { ...payload, boardId: this.#boardId });
	}

	/** Facilitators: replace the agenda. */
	setAgenda(phases: CommandArgs<'agenda:set'>['phases']) {
		return this.#command('agenda:set', { phases });
	}
	/** Facilitators: make a phase current. */
	setPhase(phaseId: string | null) {
		return this.#command('phase:set', { phaseId });
	}
	/** Facilitators: start or resume the timer. */
	startTimer(seconds?: number) {
		return this.#command('timer:start', seconds === undefined ? {} : { seconds });
	}
	/** Facilitators: pause the timer. */
	pauseTimer() {
		return this.#command('timer:pause', {});
	}
	/** Facilitators: add (or remove) seconds. */
	addTime(seconds: number) {
		return this.#command('timer:add', { seconds });
	}
	/** Raise or lower one's hand. */
	setHand(raised: boolean) {
		return this.#command('hand:set', { raised });
	}
	/** Facilitators: lower someone's hand. */
	lowerHand(personId: string) {
		return this.#command('hand:lower', { personId });
	}
	/** Send a quick reaction. */
	react(reaction: Reaction) {
		return this.#command('reaction:send', { reaction });
	}
	/** Facilitators: lead (or stop leading) "follow me". */
	setFollow(on: boolean) {
		return this.#command('follow:set', { on });
	}
	/** Facilitators: send this viewport to followers (board point at the centre, zoom). */
	sendViewport(viewport: Viewport): void {
		this.#pendingViewport = viewport;
		if (this.#viewportTimer) return;
		this.#socket.emit('follow:viewport', { boardId: this.#boardId, ...viewport });
		this.#pendingViewport = null;
		// At most one viewport per VIEWPORT_SEND_MS; the last one of a burst is sent at its end.
		this.#viewportTimer = setTimeout(() => {
			this.#viewportTimer = null;
			const last = this.#pendingViewport;
			if (last) this.sendViewport(last);
		}, VIEWPORT_SEND_MS);
	}
	/** Facilitators: put an item in the spotlight (null clears it). */
	setSpotlight(itemId: string | null) {
		return this.#command('spotlight:set', { itemId });
	}
	/** Facilitators: lock or unlock the board (`''`), a frame or an object. */
	setLock(targetId: string, locked: boolean) {
		return this.#command('lock:set', { targetId, locked });
	}

	/** Facilitators: open a voting round on the board or one frame. */
	openVote(input: CommandArgs<'vote:open'>) {
		return this.#command('vote:open', input);
	}
	/** Put a dot on an object. */
	castDot(itemId: string) {
		return this.#command('vote:cast', { itemId });
	}
	/** Take one of one's dots back from an object. */
	retractDot(itemId: string) {
		return this.#command('vote:retract', { itemId });
	}
	/** Facilitators: close the round (everyone then sees the results). */
	closeVote() {
		return this.#command('vote:close', {});
	}

	/** Facilitators: start or stop a silent brainstorm. */
	setBrainstorm(on: boolean) {
		return this.#command('brainstorm:set', { on });
	}
	/** Facilitators: split participants into one peer-group board per category; true when done. */
	async splitGroups(): Promise<boolean> {
		return (await this.#command('groups:split', {})).ok;
	}
	/**
	 * Facilitators: bring the groups' boards side by side onto this board; refused whole
	 * (`limit`, with the figures) when that would take it past its object limit.
	 */
	crossGroups(): Promise<CommandAck> {
		return this.#command('groups:cross', {});
	}
	/** Facilitators: send everyone following the workshop to this board; true when done. */
	async gather(): Promise<boolean> {
		return (await this.#command('workshop:gather', {})).ok;
	}
	/**
	 * Facilitators: reveal every draft into the board at once; refused whole (`limit`, with the
	 * figures) when the drafts would take the board past its object limit.
	 */
	reveal(): Promise<CommandAck> {
		return this.#command('brainstorm:reveal', {});
	}

	/** Stops listening (the socket belongs to the presence client). */
	destroy(): void {
		if (this.#viewportTimer) clearTimeout(this.#viewportTimer);
		for (const event of [
			'run:state',
			'access:changed',
			'workshop:anonymity',
			'workshop:goto',
			'hands:state',
			'hand:yours',
			'reaction',
			'reaction:burst',
			'locks:state',
			'spotlight',
			'follow:state',
			'follow:viewport',
			'vote:state',
			'vote:mine',
			'vote:progress',
			'vote:results',
			'brainstorm:state',
			'draft:update',
			'brainstorm:drafts',
			'draft:cleared'
		] as const) {
			this.#socket.off(event);
		}
	}
}
