import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import * as Y from 'yjs';
import { contentBounds, copyBoardItems } from '../../../src/lib/board/copy.ts';
import { countItems, createItem, readItems } from '../../../src/lib/board/schema.ts';
import {
	categoryLabel,
	LOCALE_COOKIE,
	negotiateLocale,
	translator,
	type Translate
} from '../../../src/lib/i18n/index.ts';
import { cookieFromHeader } from '../../../src/lib/server/auth.ts';
import { appContext } from '../../../src/lib/server/context.ts';
import { boards, memberships, workshopEvents } from '../../../src/lib/server/db/schema.ts';
import { newId } from '../../../src/lib/server/ids.ts';
import { copyBoardFiles } from '../../../src/lib/server/services/files.ts';
import type { Room } from '../room.ts';
import type { PresenceSocket } from '../socket-io.ts';
import { command, record, RefusedError, workshopRoom, type FacilitationDeps } from './commands.ts';

/**
 * Peer groups then crossing (croisement des savoirs). "Split" makes one board per category of the
 * workshop's participants, open only to that category (`boards.group_category`, enforced by
 * `boardAccess`), and sends each person to their group's board. "Cross" copies each group board's
 * items into a frame of the plenary board, side by side, titled with the category, and sends
 * everyone back to the plenary board. Once crossed, groups can be formed again for another round,
 * on new boards. Board and frame titles are written in the language of the facilitator who asked
 * (they are shared text, like anything typed on the board).
 */

/**
 * Layout of the groups' frames on the plenary board, in board units: the smallest frame, the inner
 * margin, the room for the frame's title, and the gap between frames and below the existing content.
 */
const CROSS_FRAME = { minW: 800, minH: 600, pad: 40, header: 80, gap: 120 };

/** The translator of the language the socket's browser uses (remembered choice, then its own). */
function socketTranslator(socket: PresenceSocket): Translate {
	const headers = socket.handshake.headers;
	const locale = negotiateLocale({
		cookie: cookieFromHeader(headers.cookie, LOCALE_COOKIE) ?? undefined,
		acceptLanguage: headers['accept-language'] ?? null
	});
	return translator(locale);
}

/** A group board of the current round, with its category. */
interface GroupBoard {
	id: string;
	category: string;
}

/** The latest `groups-split` or `groups-cross` event of a workshop, if any. */
async function latestGroupsEvent(workshopId: string) {
	const [latest] = await appContext()
		.db.select({ type: workshopEvents.type, payload: workshopEvents.payload })
		.from(workshopEvents)
		.where(
			and(
				eq(workshopEvents.workshopId, workshopId),
				inArray(workshopEvents.type, ['groups-split', 'groups-cross'])
			)
		)
		.orderBy(desc(workshopEvents.id))
		.limit(1);
	return latest;
}

/**
 * The group boards of the current round, in category order, while the latest split is not crossed
 * yet; null when the groups are not split (groups can be formed again after a crossing, on new
 * boards, for another question). A round's boards are those its split recorded.
 */
async function currentGroups(workshopId: string): Promise<GroupBoard[] | null> {
	const latest = await latestGroupsEvent(workshopId);
	if (latest?.type !== 'groups-split') return null;
	const recorded = (latest.payload as { groups?: unknown } | null)?.groups;
	const ids = Object.values(recorded && typeof recorded === 'object' ? recorded : {}).filter(
		(id): id is string => typeof id === 'string'
	);
	if (ids.length === 0) return [];
	// Boards still there and still group boards of this workshop.
	const rows = await appContext()
		.db.select({ id: boards.id, category: boards.groupCategory })
		.from(boards)
		.where(and(eq(boards.workshopId, workshopId), inArray(boards.id, ids)))
		.orderBy(asc(boards.groupCategory));
	return rows.flatMap((row) => (row.category ? [{ id: row.id, category: row.category }] : []));
}

/** How many times a workshop's groups were formed so far. */
async function splitRounds(workshopId: string): Promise<number> {
	return appContext().db.$count(
		workshopEvents,
		and(eq(workshopEvents.workshopId, workshopId), eq(workshopEvents.type, 'groups-split'))
	);
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

/**
 * The peer-group board a person is offered on joining another board of the workshop: their
 * category's group board while the groups are split and not yet crossed (someone who joins late or
 * reloads the plenary board), else null.
 */
export async function groupOffer(identity: {
	workshopId: string;
	boardId: string;
	role: string;
	category: string | null;
}): Promise<{ boardId: string; category: string } | null> {
	if (identity.role !== 'participant' || !identity.category) return null;
	const groups = await currentGroups(identity.workshopId);
	const group = groups?.find((one) => one.category === identity.category);
	if (!group || group.id === identity.boardId) return null;
	return { boardId: group.id, category: identity.category };
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

/**
 * Copies one group board's items into `plenary` inside a new frame at `x`, `top`, sized to hold
 * them, titled and tagged with the category. Items keep their own category; frames keep their
 * children and connectors their ends (`copyBoardItems`). Returns the frame's width.
 */
/**
 * Refuses a crossing whole (`board_full`, nothing copied) when the groups' objects, and a frame
 * for each, would take the plenary board past `MAX_OBJECTS_PER_BOARD`.
 */
function refuseBeyondLimit(plenary: Y.Doc, groups: readonly Y.Doc[]): void {
	const limit = appContext().config.maxObjectsPerBoard;
	const objects = countItems(plenary);
	const adding = groups.reduce((sum, doc) => sum + countItems(doc) + 1, 0);
	if (objects + adding <= limit) return;
	throw new RefusedError('board full', { ok: false, reason: 'limit', limit, objects, adding });
}

function copyInto(
	plenary: Y.Doc,
	source: Y.Doc,
	place: {
		category: string;
		title: string;
		x: number;
		top: number;
		files: ReadonlyMap<string, string>;
	}
): number {
	const bounds = contentBounds(source) ?? { x: 0, y: 0, w: 0, h: 0 };
	const { minW, minH, pad, header } = CROSS_FRAME;
	const w = Math.max(minW, Math.ceil(bounds.w) + 2 * pad);
	const frame = createItem(plenary, {
		type: 'frame',
		x: place.x,
		y: place.top,
		w,
		h: Math.max(minH, Math.ceil(bounds.h) + header + pad),
		text: place.title,
		category: place.category
	});
	copyBoardItems(plenary, source, {
		offset: { x: place.x + pad - bounds.x, y: place.top + header - bounds.y },
		into: frame,
		files: place.files
	});
	return w;
}

/** Where the crossed frames go: below what the plenary board already holds. */
function crossOrigin(plenary: Y.Doc): { x: number; top: number } {
	const bounds = contentBounds(plenary);
	return bounds ? { x: bounds.x, top: bounds.y + bounds.h + CROSS_FRAME.gap } : { x: 0, top: 0 };
}

/** Registers `groups:split` and `groups:cross` (facilitators) on a socket. */
export function registerPeerGroups(deps: FacilitationDeps, socket: PresenceSocket): void {
	command(deps, socket, 'groups:split', async (who) => {
		if (await currentGroups(who.workshopId)) throw new RefusedError('already split', 'conflict');
		const categories = await participantCategories(who.workshopId);
		if (categories.length === 0) throw new RefusedError('no participants', 'conflict');
		const t = socketTranslator(socket);
		const round = (await splitRounds(who.workshopId)) + 1;
		const created = new Map<string, string>();
		for (const category of categories) {
			const id = newId();
			const label = categoryLabel(t, category);
			const title =
				round === 1
					? t('groups_board_title', { category: label })
					: t('groups_board_title_round', { category: label, round });
			await appContext()
				.db.insert(boards)
				.values({ id, workshopId: who.workshopId, title, groupCategory: category });
			created.set(category, id);
		}
		await record(who, 'groups-split', { groups: Object.fromEntries(created) });
		sendEveryone(deps, who.workshopId, (category) => created.get(category ?? '') ?? who.boardId);
		deps.io.to(workshopRoom(who.workshopId)).emit('groups:state', {
			workshopId: who.workshopId,
			groups: [...created].map(([category, boardId]) => ({ category, boardId }))
		});
	});
	command(deps, socket, 'groups:cross', async (who) => {
		const groups = (await currentGroups(who.workshopId)) ?? [];
		const [here] = await appContext()
			.db.select({ group: boards.groupCategory })
			.from(boards)
			.where(eq(boards.id, who.boardId));
		if (groups.length === 0 || (here?.group ?? null) !== null) {
			throw new RefusedError('nothing to cross', 'conflict');
		}
		const t = socketTranslator(socket);
		const plenary = await deps.rooms.acquire(who.boardId);
		const sources: Room[] = [];
		try {
			for (const group of groups) sources.push(await deps.rooms.acquire(group.id));
			refuseBeyondLimit(
				plenary.doc,
				sources.map((source) => source.doc)
			);
			const origin = crossOrigin(plenary.doc);
			const top = origin.top;
			let x = origin.x;
			for (const [i, group] of groups.entries()) {
				const source = sources[i]!;
				const { category } = group;
				// Images are readable through their own board only: the plenary gets copies.
				const files = await copyBoardFiles({
					fromBoardId: group.id,
					toBoardId: who.boardId,
					fileIds: readItems(source.doc).flatMap((item) => (item.file ? [item.file] : []))
				});
				plenary.doc.transact(() => {
					const title = categoryLabel(t, category);
					const place = { category, title, x, top, files };
					x += copyInto(plenary.doc, source.doc, place) + CROSS_FRAME.gap;
				}, 'groups-cross');
			}
		} finally {
			for (const source of sources) deps.rooms.release(source);
			deps.rooms.release(plenary);
		}
		await record(who, 'groups-cross', { groups: groups.length });
		sendEveryone(deps, who.workshopId, () => who.boardId);
	});
}
