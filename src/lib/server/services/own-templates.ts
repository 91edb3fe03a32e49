import { and, asc, count, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { loadBoardInto } from '../history/store.ts';
import { copyBoardItems } from '../../board/copy.ts';
import { countItems, metaOf } from '../../board/schema.ts';
import { TEMPLATE_KEYS } from '../../shared/workshop-validation.ts';
import { appContext } from '../context.ts';
import { boardTemplates } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { boardAccess } from './boards.ts';
import { failure, type Failure } from './failure.ts';

/**
 * Facilitators' own templates: a board saved under a title, reusable in any of its owner's
 * workshops. What is saved is a clean copy of the board's items (`templateDocument`): no author
 * categories, no images (a file is readable through its own board only, and a template outlives
 * the board it came from), no votes (those live in the database, never in the document).
 */

/** Most templates one person may keep. */
export const MAX_TEMPLATES_PER_OWNER = 100;
/** Most objects a board may have to be saved as a template (a template is a layout). */
export const MAX_TEMPLATE_ITEMS = 5000;

/** One of a person's own templates, as listed to them. */
export interface OwnTemplate {
	id: string;
	title: string;
	/** ISO date-time. */
	createdAt: string;
}

const notFound = () => failure(404, 'template_unknown', 'No such template');

/**
 * A fresh document holding a clean copy of `doc`'s items: new ids, no category, no image, and the
 * built-in template key (e.g. `barometer`) when the board was laid out from one.
 */
export function templateDocument(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	copy.transact(() => {
		copyBoardItems(copy, doc, { withoutImages: true, category: () => null });
		const key = metaOf(doc).get('template');
		if ((TEMPLATE_KEYS as readonly unknown[]).includes(key)) metaOf(copy).set('template', key);
	});
	return copy;
}

/** Why `userId` may not save `boardId` as a template (404, or 403 for non-facilitators), or null. */
export async function saveAsTemplateRefusal(input: {
	userId: string;
	boardId: string;
}): Promise<Failure | null> {
	const access = await boardAccess({ userId: input.userId, boardId: input.boardId });
	if (!access) return failure(404, 'board_unknown', 'No such board');
	if (access.role !== 'facilitator') {
		return failure(403, 'facilitator_only', 'Only facilitators may do this');
	}
	return null;
}

/**
 * Saves the board's current content as a template of `userId`, who must facilitate its workshop
 * (archived workshops included: saving only reads the board). Returns the template's id.
 */
export async function saveBoardAsTemplate(input: {
	userId: string;
	boardId: string;
	title: string;
}): Promise<OwnTemplate | Failure> {
	const refused = await saveAsTemplateRefusal(input);
	if (refused) return refused;
	const board = new Y.Doc();
	await loadBoardInto(board, input.boardId);
	if (countItems(board) > MAX_TEMPLATE_ITEMS) {
		return failure(
			422,
			'template_too_large',
			`A template holds at most ${MAX_TEMPLATE_ITEMS} objects`
		);
	}
	const state = Y.encodeStateAsUpdate(templateDocument(board));
	const { db } = appContext();
	return db.transaction(async (tx) => {
		const [mine] = await tx
			.select({ n: count() })
			.from(boardTemplates)
			.where(eq(boardTemplates.ownerId, input.userId));
		if (Number(mine?.n ?? 0) >= MAX_TEMPLATES_PER_OWNER) {
			return failure(
				409,
				'template_limit',
				`You already have ${MAX_TEMPLATES_PER_OWNER} templates: delete one first`
			);
		}
		const [row] = await tx
			.insert(boardTemplates)
			.values({ id: newId(), ownerId: input.userId, title: input.title, state })
			.returning({
				id: boardTemplates.id,
				title: boardTemplates.title,
				createdAt: boardTemplates.createdAt
			});
		return { ...row!, createdAt: row!.createdAt.toISOString() };
	});
}

/** The templates `ownerId` saved, by title. */
export async function listOwnTemplates(ownerId: string): Promise<OwnTemplate[]> {
	const rows = await appContext()
		.db.select({
			id: boardTemplates.id,
			title: boardTemplates.title,
			createdAt: boardTemplates.createdAt
		})
		.from(boardTemplates)
		.where(eq(boardTemplates.ownerId, ownerId))
		.orderBy(asc(boardTemplates.title), asc(boardTemplates.id));
	return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** Renames one of `ownerId`'s templates; 404 when it is not theirs. */
export async function renameOwnTemplate(input: {
	ownerId: string;
	templateId: string;
	title: string;
}): Promise<OwnTemplate | Failure> {
	const [row] = await appContext()
		.db.update(boardTemplates)
		.set({ title: input.title })
		.where(ownedBy(input))
		.returning({
			id: boardTemplates.id,
			title: boardTemplates.title,
			createdAt: boardTemplates.createdAt
		});
	return row ? { ...row, createdAt: row.createdAt.toISOString() } : notFound();
}

/** Deletes one of `ownerId`'s templates (boards made from it stay as they are); 404 when not theirs. */
export async function deleteOwnTemplate(input: {
	ownerId: string;
	templateId: string;
}): Promise<null | Failure> {
	const rows = await appContext()
		.db.delete(boardTemplates)
		.where(ownedBy(input))
		.returning({ id: boardTemplates.id });
	return rows.length > 0 ? null : notFound();
}

/**
 * The starting document of a board made from one of `ownerId`'s templates: a new copy of its
 * items, sharing nothing with the template. 404 when the template is not theirs.
 */
export async function ownTemplateSeed(input: {
	ownerId: string;
	templateId: string;
}): Promise<Y.Doc | Failure> {
	const [row] = await appContext()
		.db.select({ state: boardTemplates.state })
		.from(boardTemplates)
		.where(ownedBy(input));
	if (!row) return notFound();
	const template = new Y.Doc();
	Y.applyUpdate(template, row.state);
	return templateDocument(template);
}

/** 404 unless `ownerId` owns `templateId` (checked before a change is read), else null. */
export async function ownTemplateRefusal(input: {
	ownerId: string;
	templateId: string;
}): Promise<Failure | null> {
	const [row] = await appContext()
		.db.select({ id: boardTemplates.id })
		.from(boardTemplates)
		.where(ownedBy(input));
	return row ? null : notFound();
}

function ownedBy(input: { ownerId: string; templateId: string }) {
	return and(eq(boardTemplates.id, input.templateId), eq(boardTemplates.ownerId, input.ownerId));
}
