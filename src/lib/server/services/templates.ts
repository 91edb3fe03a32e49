import * as Y from 'yjs';
import { countItems, createItem, createSticky, itemsOf, metaOf } from '../../board/schema.ts';
import { appContext } from '../context.ts';
import { boardSnapshots } from '../db/schema.ts';
import type { TemplateKey } from '../../shared/workshop-validation.ts';
import { TEMPLATE_LAYOUTS } from './template-layouts.ts';

/** Width of a template's instruction note, in board units. */
const INSTRUCTIONS_WIDTH = 900;

/** A new document laid out from a built-in template. */
export function buildTemplate(key: TemplateKey): Y.Doc {
	const layout = TEMPLATE_LAYOUTS[key];
	const doc = new Y.Doc();
	const now = Date.now();
	doc.transact(() => {
		metaOf(doc).set('template', key);
		createItem(doc, {
			type: 'text',
			x: 0,
			y: 0,
			w: INSTRUCTIONS_WIDTH,
			h: 160,
			text: layout.instructions,
			now
		});
		for (const frame of layout.frames) {
			const { title, notes = [], ...box } = frame;
			const frameId = createItem(doc, { type: 'frame', ...box, text: title, now });
			notes.forEach((note, index) => {
				const id = createSticky(doc, {
					x: box.x + 20 + index * 130,
					y: box.y + 60,
					text: note.text,
					color: note.color,
					now
				});
				itemsOf(doc).get(id)?.set('frame', frameId);
			});
		}
	});
	return doc;
}

/**
 * Stores `state` as the starting point of a new board (a snapshot at seq 0, before any update):
 * the board then loads with the template's layout.
 */
export async function seedBoard(boardId: string, doc: Y.Doc): Promise<void> {
	await appContext()
		.db.insert(boardSnapshots)
		.values({
			boardId,
			seq: 0,
			at: new Date(),
			state: Y.encodeStateAsUpdate(doc),
			itemCount: countItems(doc)
		});
}
