import { eq } from 'drizzle-orm';
import { appContext } from '../../../src/lib/server/context.ts';
import { boards } from '../../../src/lib/server/db/schema.ts';
import type { PresenceSocket } from '../socket-io.ts';
import { command, record, RefusedError, workshopRoom, type FacilitationDeps } from './commands.ts';

/**
 * "Send everyone to this board": a facilitator brings every person following the workshop (on
 * any of its boards) to the board they are on. A peer group's board is refused: it is open to one
 * category only.
 */
export function registerGather(deps: FacilitationDeps, socket: PresenceSocket): void {
	command(deps, socket, 'workshop:gather', async (who) => {
		const [board] = await appContext()
			.db.select({ groupCategory: boards.groupCategory })
			.from(boards)
			.where(eq(boards.id, who.boardId));
		if (!board || board.groupCategory) throw new RefusedError('not a plenary board', 'conflict');
		await record(who, 'gather', {});
		deps.io
			.to(workshopRoom(who.workshopId))
			.emit('workshop:goto', { workshopId: who.workshopId, boardId: who.boardId });
	});
}
