import { and, eq, isNotNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { createItem, listItems } from '../../../src/lib/board/schema.ts';
import { appContext } from '../../../src/lib/server/context.ts';
import { boards, memberships } from '../../../src/lib/server/db/schema.ts';
import { newId } from '../../../src/lib/server/ids.ts';
import { commandInput } from '../../../src/lib/shared/facilitation.ts';
import type { PresenceSocket } from '../socket-io.ts';
import { command, record, RefusedError, workshopRoom, type FacilitationDeps } from './commands.ts';

/**
 * Peer groups then crossing (croisement des savoirs). "Split" makes one board per category of the
 * workshop's participants, open only to that category (`boards.group_category`, enforced by
 * `boardAccess`), and sends each person to their group's board. "Cross" copies each group board's
 * items into a frame of the plenary board, side by side, titled with the category, and sends
 * everyone back to the plenary board.
 */

/** Width of a group's frame on the plenary board, and the gap between frames, in board units. */
const CROSS_FRAME = { w: 1600, h: 1200, gap: 120, top: 1600 };

async function groupBoards(workshopId: string) {
	return appContext()
		.db.select({ id: boards.id, category: boards.groupCategory })
		.from(boards)
		.where(and(eq(boards.workshopId, workshopId), isNotNull(boards.groupCategory)));
}

async function participantCategories(workshopId: string): Promise<string[]> {
	const rows = await appContext()
		.db.selectDistinct({ category: memberships.category })
		.from(memberships)
		.where(
			and(
				eq(memberships.workshopId, workshopId),
				eq(memberships.role, 'participant'),
				eq(memberships.removed, false),
				isNotNull(memberships.category)
			)
		);
	return rows
		.map((row) => row.category ?? '')
		.filter(Boolean)
		.sort();
}

/** Sends each socket of the workshop to a board: its group's, or `fallback`. */
function sendEveryone(
	deps: FacilitationDeps,
	workshopId: string,
	target: (category: string | null) => string
): void {
	for (const socket of deps.io.sockets.sockets.values()) {
		const identity = Object.values(socket.data.boards ?? {}).find(
			(one) => one.workshopId === workshopId
		);
		if (identity) socket.emit('workshop:goto', { workshopId, boardId: target(identity.category) });
	}
}

/** Copies one board's items into `plenary` inside a new frame; returns the frame's id. */
function copyInto(plenary: Y.Doc, source: Y.Doc, category: string, index: number): string {
	const x = index * (CROSS_FRAME.w + CROSS_FRAME.gap);
	const frame = createItem(plenary, {
		type: 'frame',
		x,
		y: CROSS_FRAME.top,
		w: CROSS_FRAME.w,
		h: CROSS_FRAME.h,
		text: category,
		category
	});
	for (const item of listItems(source)) {
		const { id: _old, text, ...fields } = item;
		createItem(plenary, {
			...fields,
			x: x + 40 + item.x / 2,
			y: CROSS_FRAME.top + 80 + item.y / 2,
			frame,
			text
		});
	}
	return frame;
}

/** Registers `groups:split` and `groups:cross` (facilitators) on a socket. */
export function registerPeerGroups(deps: FacilitationDeps, socket: PresenceSocket): void {
	const split = {
		event: 'groups:split',
		schema: commandInput.voteClose,
		rule: 'facilitator'
	} as const;
	command(deps, socket, split, async (who) => {
		if ((await groupBoards(who.workshopId)).length > 0) throw new RefusedError('already split');
		const categories = await participantCategories(who.workshopId);
		if (categories.length === 0) throw new RefusedError('no participants');
		const created = new Map<string, string>();
		for (const category of categories) {
			const id = newId();
			await appContext()
				.db.insert(boards)
				.values({ id, workshopId: who.workshopId, title: category, groupCategory: category });
			created.set(category, id);
		}
		await record(who, 'groups-split', { groups: Object.fromEntries(created) });
		sendEveryone(deps, who.workshopId, (category) => created.get(category ?? '') ?? who.boardId);
		deps.io.to(workshopRoom(who.workshopId)).emit('groups:state', {
			workshopId: who.workshopId,
			groups: [...created].map(([category, boardId]) => ({ category, boardId }))
		});
	});
	const cross = {
		event: 'groups:cross',
		schema: commandInput.voteClose,
		rule: 'facilitator'
	} as const;
	command(deps, socket, cross, async (who) => {
		const groups = await groupBoards(who.workshopId);
		if (groups.length === 0 || groups.some((group) => group.id === who.boardId)) {
			throw new RefusedError('nothing to cross');
		}
		const plenary = await deps.rooms.acquire(who.boardId);
		try {
			for (const [index, group] of groups.entries()) {
				const source = await deps.rooms.acquire(group.id);
				try {
					plenary.doc.transact(
						() => copyInto(plenary.doc, source.doc, group.category ?? '', index),
						'groups-cross'
					);
				} finally {
					deps.rooms.release(source);
				}
			}
		} finally {
			deps.rooms.release(plenary);
		}
		await record(who, 'groups-cross', { groups: groups.length });
		sendEveryone(deps, who.workshopId, () => who.boardId);
	});
}
