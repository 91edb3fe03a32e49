import { isBarometer } from '../board/barometer.ts';
import { NOTE_COLORS, type NoteColor } from '../board/schema.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { Signal } from '../shared/facilitation.ts';
import { canWrite, type Role } from '../shared/roles.ts';
import type { EditRefusal } from './board-connection.svelte.ts';
import type { BoardController, DotVoting } from './board-controller.svelte.ts';
import type { BoardFacilitation } from './facilitation.svelte.ts';
import { rememberDrawer, rememberedDrawer, type DrawerName } from './live-layout.ts';
import { ToastQueue } from './toasts.svelte.ts';
import type { Camera } from './viewport.ts';

/** How long the "your edit was refused" notice stays, in milliseconds. */
export const LOCK_NOTICE_MS = 10_000;
/** A drawer narrower than this share of the canvas leaves the rest usable (else: a phone). */
const DRAWER_SIDE_SHARE = 0.6;

/** What the person is told when the server refused their edit, by reason. */
export const REFUSAL_MESSAGES: Record<EditRefusal, MessageKey> = {
	locked: 'board_edit_refused_locked',
	limit: 'board_edit_refused_limit',
	too_large: 'board_edit_refused_too_large',
	invalid: 'board_edit_refused_invalid'
};

/** The board as the page opens it (`/boards/[id]`). */
export interface BoardInfo {
	id: string;
	title: string;
	role: Role;
	category: string | null;
	archived: boolean;
	workshopId?: string;
	/** A peer group's board: its category (the heading names the group). */
	groupCategory?: string | null;
}

const isNoteColor = (color: unknown): color is NoteColor =>
	NOTE_COLORS.includes(color as NoteColor);

/**
 * The live board page's own state around the canvas: which drawer is open, the toasts and
 * announcements, the refused-edit notice, and what this person may do given their role and the
 * facilitation. `Board.svelte` renders it and wires the controller and facilitation client in.
 */
export class BoardView {
	readonly #info: () => BoardInfo;
	readonly #t: () => Translate;

	/** The open board (null between two openings). */
	board = $state.raw<BoardController | null>(null);
	/** The facilitation client of the open board (timer, hands, votes, locks…). */
	facilitation = $state.raw<BoardFacilitation | null>(null);
	/** The drawer over the canvas, if any. */
	panel = $state<DrawerName | null>(null);
	/** True while the folded actions menu is open (below a laptop's width). */
	menuOpen = $state(false);
	/** The open drawer's width in screen pixels. */
	drawerWidth = $state(0);
	/** The last announcement for screen readers. */
	announcement = $state('');
	/** Why the server refused this person's last edit, while the notice shows. */
	refusedNotice = $state<EditRefusal | null>(null);
	/** Bumped to open the board afresh from the server (after a refused edit). */
	generation = $state(0);
	/** True while this facilitator leads the view (follow-me). */
	leading = $state(false);
	/** The toasts over the canvas. */
	readonly toasts = new ToastQueue();

	/** Observers, evaluators and archived boards: nothing may change. */
	readonly readOnly: boolean;
	/** The facilitator of a live (not archived) board. */
	readonly facilitator: boolean;
	/** A participant's new notes are private drafts (silent brainstorm). */
	readonly drafting: boolean;
	/** The whole board is locked for this person by the facilitation. */
	readonly lockedForMe: boolean;
	/** A barometer board (template), once its content is in: it shows its perception gaps. */
	readonly barometer: boolean;
	/** The primary selected object, if any. */
	readonly selectedId: string | null;
	/** Screen pixels the open drawer hides on the canvas's right (none on a phone: it covers all). */
	readonly coveredRight: number;

	#keptCamera: Camera | null = null;
	#noticeTimer: ReturnType<typeof setTimeout> | null = null;
	#centered = false;
	#handsSeen: Set<string> | null = null;
	#voteWasOpen = false;

	constructor(input: { info: () => BoardInfo; t: () => Translate }) {
		this.#info = input.info;
		this.#t = input.t;
		this.readOnly = $derived(!canWrite(this.#info().role) || this.#info().archived);
		this.facilitator = $derived(this.#info().role === 'facilitator' && !this.#info().archived);
		this.drafting = $derived(
			!!this.facilitation?.brainstorm && !this.readOnly && !this.facilitator
		);
		this.lockedForMe = $derived(
			!!this.facilitation?.boardLocked && !this.facilitator && !this.readOnly
		);
		this.barometer = $derived(
			!!this.board?.connection.synced && isBarometer({ doc: this.board.connection.doc })
		);
		this.selectedId = $derived(this.board?.selection.at(-1) ?? null);
		this.coveredRight = $derived(
			this.board && this.panel && this.drawerWidth < this.board.camera.width * DRAWER_SIDE_SHARE
				? this.drawerWidth
				: 0
		);
	}

	/** Says `message` to screen readers (again, even when it is the same as the last one). */
	announce(message: string): void {
		this.announcement = '';
		queueMicrotask(() => (this.announcement = message));
	}

	/** Opens a drawer, or closes it when it is the open one; remembered for the next visit. */
	toggle(name: DrawerName): void {
		this.panel = this.panel === name ? null : name;
		this.menuOpen = false;
		rememberDrawer({ role: this.#info().role, drawer: this.panel });
	}

	/** Closes the open drawer (and forgets it). */
	closePanel(): void {
		this.panel = null;
		rememberDrawer({ role: this.#info().role, drawer: null });
	}

	/** On the first opening: the drawer this person left open last time, when it is still theirs. */
	reopenDrawer(): void {
		const remembered = rememberedDrawer({ role: this.#info().role });
		if (!remembered) return;
		if ((remembered === 'facilitate' || remembered === 'hands') && !this.facilitator) return;
		this.panel = remembered;
	}

	/**
	 * The server refused a local edit: the board reopens where it was (`generation`), and the person
	 * is told why in their language for `LOCK_NOTICE_MS`.
	 */
	refuse(reason: EditRefusal, camera: Camera): void {
		this.#keptCamera = camera;
		this.refusedNotice = reason;
		this.announce(this.#t()(REFUSAL_MESSAGES[reason]));
		this.generation++;
		if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
		this.#noticeTimer = setTimeout(() => {
			this.#noticeTimer = null;
			this.refusedNotice = null;
		}, LOCK_NOTICE_MS);
	}

	/** The camera to reopen the board with after a refusal (once), or null. */
	takeKeptCamera(): Camera | null {
		const camera = this.#keptCamera;
		this.#keptCamera = null;
		return camera;
	}

	/** Once the first sync is in and the canvas has a size, brings the objects into view (once). */
	centerOnce(): void {
		const board = this.board;
		if (!board || this.#centered || !board.connection.synced || board.camera.width === 0) return;
		this.#centered = board.centerOnContent();
	}

	/** Deletes the selection; true (and announced) when something went. */
	deleteSelected(): boolean {
		if (!this.board?.deleteSelected()) return false;
		this.announce(this.#t()('board_note_deleted'));
		return true;
	}

	/** A short text naming an object of the board (vote bars and results). */
	labelOf = (itemId: string): string =>
		this.board?.connection.items.find((item) => item.id === itemId)?.text.slice(0, 80) || itemId;

	/** From the outline: shows an object on the canvas and gives it the focus. */
	showItem(itemId: string): void {
		const board = this.board;
		if (!board) return;
		board.setSelection([itemId]);
		board.zoomToSelection();
		board.focusRequest = { id: itemId, edit: false };
	}

	/** Participants: their view goes to the object in the spotlight. */
	followSpotlight(itemId: string | null): void {
		if (!itemId || this.facilitator) return;
		const item = this.board?.byId.get(itemId);
		if (item) this.board?.camera.centerOn({ x: item.x + item.w / 2, y: item.y + item.h / 2 });
	}

	/** The facilitator starts or stops leading the view. */
	lead(on: boolean): void {
		this.leading = on;
		void this.facilitation?.setFollow(on);
	}

	/**
	 * The raised hands changed. The facilitator learns of a new hand at once (a toast leading to the
	 * queue); a hand lowered or answered takes its toast with it.
	 */
	handsChanged(hands: readonly Signal[]): void {
		if (!this.facilitator) return;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a snapshot to compare, not state
		const ids = new Set(hands.map((hand) => hand.personId));
		const before = this.#handsSeen;
		this.#handsSeen = ids;
		if (!before) return;
		this.toasts.dropWhere((key) => key.startsWith('hand:') && !ids.has(key.slice(5)));
		const t = this.#t();
		for (const hand of hands) {
			if (before.has(hand.personId)) continue;
			this.toasts.show({
				text: t('live_hand_toast', { name: hand.name }),
				action: {
					label: t('hands_title', { count: hands.length }),
					run: () => {
						if (this.panel !== 'hands') this.toggle('hands');
					}
				},
				key: `hand:${hand.personId}`
			});
		}
	}

	/** A vote round opened or closed: closing shows a toast leading to the results. */
	voteChanged(open: boolean): void {
		const t = this.#t();
		if (this.#voteWasOpen && !open)
			this.toasts.show({
				text: t('live_results_ready'),
				action: { label: t('live_results_show'), run: () => this.toggle('results') }
			});
		this.#voteWasOpen = open;
	}

	/** Where a participant's new notes go during a silent brainstorm (null: the shared board). */
	draftSink(): BoardController['draftSink'] {
		const board = this.board;
		const client = this.facilitation;
		if (!board || !client || !this.drafting) return null;
		return (point, extras) =>
			client.drafts.create({
				at: point,
				others: board.connection.items,
				category: this.#info().category,
				text: extras.text,
				color: isNoteColor(extras.color) ? extras.color : undefined
			});
	}

	/** During a vote round: a click (or V / Enter) on an object casts a dot; null otherwise. */
	dotVoting(): DotVoting | null {
		const client = this.facilitation;
		if (!client?.vote || this.readOnly) return null;
		const t = this.#t();
		return {
			cast: (itemId) =>
				void client.castDot(itemId).then((ack) => {
					const ok = (ack as { ok: boolean }).ok;
					this.announce(t(ok ? 'vote_cast_done' : 'vote_cast_refused'));
				}),
			retract: (itemId) =>
				void client.retractDot(itemId).then(() => this.announce(t('vote_retracted'))),
			dotsOn: (itemId) => client.myDots.filter((dot) => dot === itemId).length
		};
	}

	/** Stops the refused-edit notice's timer (the page is left). */
	destroy(): void {
		if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
		this.#noticeTimer = null;
	}
}
