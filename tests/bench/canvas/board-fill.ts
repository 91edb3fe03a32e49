import * as Y from 'yjs';
import { createItem, type ItemType } from '../../../src/lib/board/schema.ts';

/** Grid cell of one object in the benchmark board, in board units. */
const CELL = { w: 260, h: 220 };
/** Objects per row of the grid. */
const COLUMNS = 100;

const PHRASES = [
	'Ouvrir l’accueil le samedi matin',
	'Un seul formulaire pour toutes les aides',
	'Des horaires affichés en gros caractères',
	'Former les agents à la langue des signes',
	'Rappeler les usagers avant le rendez-vous'
];

/** Kinds of the benchmark board, cycled: mostly notes, as in a real workshop. */
const MIX: ItemType[] = [
	'sticky',
	'sticky',
	'sticky',
	'sticky',
	'shape',
	'text',
	'sticky',
	'stroke',
	'sticky',
	'connector'
];

/**
 * Writes `count` mixed objects (notes, shapes, texts, pen strokes, arrows between neighbours) in a
 * grid into `doc`, in transactions of `batch` objects (each one update on the wire). Seeded by the
 * index, so every run builds the same board.
 */
export function fillBoard(doc: Y.Doc, count: number, batch: number, onBatch: () => void): void {
	const ids: string[] = [];
	for (let start = 0; start < count; start += batch) {
		doc.transact(() => {
			for (let i = start; i < Math.min(count, start + batch); i++) {
				const type = MIX[i % MIX.length] as ItemType;
				const x = (i % COLUMNS) * CELL.w;
				const y = Math.floor(i / COLUMNS) * CELL.h;
				const text =
					type === 'stroke' || type === 'connector' ? '' : `${PHRASES[i % PHRASES.length]} (${i})`;
				const extras =
					type === 'connector' && ids.length > 1
						? {
								start: { item: ids[ids.length - 1] as string },
								end: { item: ids[ids.length - 2] as string }
							}
						: type === 'stroke'
							? { points: [0, 0, 40, 30, 80, 10, 120, 60, 160, 20], w: 160, h: 60, strokeWidth: 4 }
							: type === 'shape'
								? { shape: (['rectangle', 'ellipse', 'diamond'] as const)[i % 3] }
								: {};
				ids.push(createItem(doc, { type, x, y, text, category: 'usager', now: 0, ...extras }));
			}
		});
		onBatch();
	}
}
