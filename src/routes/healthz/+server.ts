import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { appContext } from '$lib/server/context';
import type { RequestHandler } from './$types';

/** Liveness and readiness: 200 once the database answers and the realtime layer is attached. */
export const GET: RequestHandler = async () => {
	try {
		const { db, realtime } = appContext();
		await db.execute(sql`select 1`);
		if (!realtime) return json({ status: 'starting' }, { status: 503 });
		return json({ status: 'ok' });
	} catch {
		return json({ status: 'unavailable' }, { status: 503 });
	}
};
