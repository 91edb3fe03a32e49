import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSticky } from '../board/schema.ts';
import { translator } from '../i18n/index.ts';
import { WHOLE_BOARD } from '../shared/facilitation.ts';
import type { Role } from '../shared/roles.ts';
import { BoardController } from './board-controller.svelte.ts';
import { BoardView, LOCK_NOTICE_MS, type BoardInfo } from './board-view.svelte.ts';
import { BoardFacilitation } from './facilitation.svelte.ts';
import { TOAST_MS } from './toasts.svelte.ts';
import { INITIAL_CAMERA } from './viewport.ts';

const t = translator('en');

/** The browser's storage, kept in memory (Node has none): the drawer is remembered there. */
class MemoryStorage {
	#values = new Map<string, string>();
	getItem(key: string) {
		return this.#values.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.#values.set(key, value);
	}
	removeItem(key: string) {
		this.#values.delete(key);
	}
}

function viewFor(input: { role?: Role; archived?: boolean } = {}) {
	const info: BoardInfo = {
		id: 'b1',
		title: 'Atelier',
		role: input.role ?? 'participant',
		category: 'usager',
		archived: input.archived ?? false
	};
	return new BoardView({ info: () => info, t: () => t });
}

/** A board with one note, opened without any connection (as the replay opens one). */
function offlineBoard(view: BoardView) {
	const doc = new Y.Doc();
	const noteId = createSticky(doc, { x: 0, y: 0, text: 'Un banc à l’ombre' });
	const board = new BoardController({
		boardId: 'b1',
		readOnly: view.readOnly,
		category: 'usager',
		offline: { doc }
	});
	view.board = board;
	vi.advanceTimersByTime(16);
	return { board, noteId };
}

/** A facilitation client whose socket never answers: its state is set as the server would. */
function quietFacilitation() {
	const socket = { on() {}, off() {}, emitWithAck: () => new Promise(() => {}) };
	return new BoardFacilitation({
		socket: socket as unknown as ConstructorParameters<typeof BoardFacilitation>[0]['socket'],
		boardId: 'b1'
	});
}

const hand = (personId: string, name: string) => ({ personId, name, category: null, at: 0 });

beforeEach(() => {
	vi.useFakeTimers();
	vi.stubGlobal('localStorage', new MemoryStorage());
	// Node has no frames: the board's view of its document is refreshed on a timer instead.
	vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 16));
	vi.stubGlobal('cancelAnimationFrame', (frame: number) => clearTimeout(frame));
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('BoardView', () => {
	it('derives what a role may do: observers read, facilitators of an archive read too', () => {
		expect(viewFor({ role: 'observer' }).readOnly).toBe(true);
		expect(viewFor({ role: 'participant' }).readOnly).toBe(false);
		expect(viewFor({ role: 'facilitator' }).facilitator).toBe(true);
		const archive = viewFor({ role: 'facilitator', archived: true });
		expect(archive.facilitator).toBe(false);
		expect(archive.readOnly).toBe(true);
	});

	it('opens and closes one drawer at a time, folds the menu, and reopens it on the next visit', () => {
		const view = viewFor();
		view.menuOpen = true;
		view.toggle('outline');
		expect(view.panel).toBe('outline');
		expect(view.menuOpen).toBe(false);
		view.toggle('people');
		expect(view.panel).toBe('people');
		const next = viewFor();
		next.reopenDrawer();
		expect(next.panel).toBe('people');
		next.toggle('people');
		expect(next.panel).toBeNull();
		const after = viewFor();
		after.reopenDrawer();
		expect(after.panel).toBeNull();
	});

	it('never reopens the results, nor a facilitator drawer for someone who no longer leads', () => {
		const view = viewFor();
		view.toggle('results');
		const next = viewFor();
		next.reopenDrawer();
		expect(next.panel).toBeNull();
		localStorage.setItem('croisee:live-drawer:participant', 'facilitate');
		next.reopenDrawer();
		expect(next.panel).toBeNull();
	});

	it('counts a drawer as covering the canvas only when it leaves part of it visible', () => {
		const view = viewFor();
		const { board } = offlineBoard(view);
		board.camera.width = 1200;
		view.drawerWidth = 300;
		expect(view.coveredRight).toBe(0);
		view.toggle('outline');
		expect(view.coveredRight).toBe(300);
		view.drawerWidth = 1200;
		expect(view.coveredRight).toBe(0);
	});

	it('tells a facilitator of each new raised hand, and drops the toast once the hand is down', () => {
		const view = viewFor({ role: 'facilitator' });
		view.handsChanged([hand('p1', 'Ana')]);
		expect(view.toasts.toasts).toEqual([]);
		view.handsChanged([hand('p1', 'Ana'), hand('p2', 'Bruno')]);
		expect(view.toasts.toasts.map((one) => one.text)).toEqual(['Bruno raises a hand']);
		view.toasts.toasts[0]?.action?.run();
		expect(view.panel).toBe('hands');
		view.toasts.toasts[0]?.action?.run();
		expect(view.panel).toBe('hands');
		view.handsChanged([hand('p1', 'Ana')]);
		expect(view.toasts.toasts).toEqual([]);
	});

	it('leaves participants without hand toasts', () => {
		const view = viewFor();
		view.handsChanged([]);
		view.handsChanged([hand('p2', 'Bruno')]);
		expect(view.toasts.toasts).toEqual([]);
	});

	it('shows a toast leading to the results when a vote closes, which leaves by itself', () => {
		const view = viewFor({ role: 'facilitator' });
		view.voteChanged(false);
		expect(view.toasts.toasts).toEqual([]);
		view.voteChanged(true);
		view.voteChanged(false);
		expect(view.toasts.toasts.map((one) => one.text)).toEqual(['The vote results are available']);
		view.toasts.toasts[0]?.action?.run();
		expect(view.panel).toBe('results');
		vi.advanceTimersByTime(TOAST_MS);
		expect(view.toasts.toasts).toEqual([]);
	});

	it('reopens the board where it was after a refused edit and says why for a while', async () => {
		const view = viewFor();
		const camera = { x: 40, y: 80, zoom: 2 };
		view.refuse('locked', camera);
		expect(view.generation).toBe(1);
		expect(view.refusedNotice).toBe('locked');
		await vi.advanceTimersByTimeAsync(0);
		expect(view.announcement).toBe(t('board_edit_refused_locked'));
		expect(view.takeKeptCamera()).toEqual(camera);
		expect(view.takeKeptCamera()).toBeNull();
		vi.advanceTimersByTime(LOCK_NOTICE_MS - 1);
		view.refuse('limit', camera);
		vi.advanceTimersByTime(LOCK_NOTICE_MS - 1);
		expect(view.refusedNotice).toBe('limit');
		vi.advanceTimersByTime(1);
		expect(view.refusedNotice).toBeNull();
	});

	it('brings the notes into view once the board arrives, unless the person already wrote', () => {
		const view = viewFor();
		const { board } = offlineBoard(view);
		board.camera.width = 800;
		board.camera.height = 600;
		view.centerOnce();
		const centred = board.camera.camera;
		expect(centred).not.toEqual(INITIAL_CAMERA);
		view.centerOnce();
		expect(board.camera.camera).toBe(centred);

		// A slow link: a note written before the first sync stays where the person looks.
		const slow = viewFor();
		const doc = new Y.Doc();
		createSticky(doc, { x: 2000, y: 1500, text: 'Déjà là' });
		const early = new BoardController({
			boardId: 'b1',
			readOnly: false,
			category: 'usager',
			offline: { doc }
		});
		slow.board = early;
		early.camera.width = 800;
		early.camera.height = 600;
		early.createNoteAtCenter();
		vi.advanceTimersByTime(16);
		expect(early.connection.synced).toBe(true);
		slow.centerOnce();
		expect(early.camera.camera).toEqual(INITIAL_CAMERA);

		// Synced, but the canvas had no size yet when the person wrote and moved a note: once it
		// has one, the view stays where the person works.
		const unsized = viewFor();
		const late = new BoardController({
			boardId: 'b1',
			readOnly: false,
			category: 'usager',
			offline: { doc: new Y.Doc() }
		});
		unsized.board = late;
		vi.advanceTimersByTime(16);
		expect(late.connection.synced).toBe(true);
		unsized.centerOnce();
		late.createNoteAtCenter();
		late.camera.width = 800;
		late.camera.height = 600;
		const working = late.camera.camera;
		unsized.centerOnce();
		expect(late.camera.camera).toEqual(working);
	});

	it('deletes the selection with an announcement, and names objects by their text', async () => {
		const view = viewFor();
		const { board, noteId } = offlineBoard(view);
		expect(view.labelOf(noteId)).toBe('Un banc à l’ombre');
		expect(view.labelOf('gone')).toBe('gone');
		expect(view.deleteSelected()).toBe(false);
		view.showItem(noteId);
		expect(view.selectedId).toBe(noteId);
		expect(board.focusRequest).toEqual({ id: noteId, edit: false });
		expect(view.deleteSelected()).toBe(true);
		await vi.advanceTimersByTimeAsync(16);
		expect(view.announcement).toBe('Selection deleted.');
		expect(board.connection.items).toEqual([]);
	});

	it('sends a participant’s notes to their drafts during a silent brainstorm, not the board', () => {
		const view = viewFor();
		const { board } = offlineBoard(view);
		view.facilitation = quietFacilitation();
		expect(view.draftSink()).toBeNull();
		view.facilitation.brainstorm = true;
		expect(view.drafting).toBe(true);
		const sink = view.draftSink();
		expect(sink).not.toBeNull();
		sink?.({ x: 500, y: 500 }, { text: 'Privé', color: 'nope' });
		expect(view.facilitation.drafts.items).toMatchObject([{ text: 'Privé', category: 'usager' }]);
		expect(board.connection.items).toHaveLength(1);
		expect(viewFor({ role: 'facilitator' }).drafting).toBe(false);
	});

	it('locks the board for participants only, and votes with dots only while a round is open', () => {
		const view = viewFor();
		view.facilitation = quietFacilitation();
		expect(view.lockedForMe).toBe(false);
		view.facilitation.locks = [WHOLE_BOARD];
		expect(view.lockedForMe).toBe(true);
		const lead = viewFor({ role: 'facilitator' });
		lead.facilitation = view.facilitation;
		expect(lead.lockedForMe).toBe(false);
		expect(view.dotVoting()).toBeNull();
		view.facilitation.myDots = ['n1', 'n1', 'n2'];
		view.facilitation.vote = { id: 'r1' } as NonNullable<BoardFacilitation['vote']>;
		expect(view.dotVoting()?.dotsOn('n1')).toBe(2);
		expect(viewFor({ role: 'observer' }).dotVoting()).toBeNull();
	});
});
