import type { WorkshopEvent, WorkshopEventType } from '../../shared/workshop-events.ts';
import { appContext } from '../context.ts';
import type { Database } from '../db/client.ts';
import { workshopEvents } from '../db/schema.ts';

/**
 * Records one workshop event (a row of `workshop_events`): the only writer of that table, typed by
 * the catalogue in `src/lib/shared/workshop-events.ts` (a type outside it, or a payload not of its
 * type, does not compile). `db` is the transaction the event belongs to, the app's database when
 * left out.
 */
export async function recordEvent<T extends WorkshopEventType>(
	event: WorkshopEvent<T>,
	db: Pick<Database, 'insert'> = appContext().db
): Promise<void> {
	await db.insert(workshopEvents).values({
		workshopId: event.workshopId,
		boardId: event.boardId ?? null,
		actorId: event.actorId,
		type: event.type,
		payload: event.payload,
		...(event.at ? { at: event.at } : {})
	});
}
