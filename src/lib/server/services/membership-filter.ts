import { and, eq, type SQL } from 'drizzle-orm';
import { memberships } from '../db/schema.ts';

/**
 * The memberships through which `userId` currently takes part: not removed and admitted (not on
 * a waiting list). Listing a person's workshops or boards goes through this one rule.
 */
export function activeMembershipOf(userId: string): SQL {
	return and(
		eq(memberships.userId, userId),
		eq(memberships.removed, false),
		eq(memberships.status, 'active')
	) as SQL;
}
