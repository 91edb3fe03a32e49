/**
 * The live board's overlay layout remembered per person in this browser (localStorage): which
 * drawer was open and whether the extra tools were unfolded. Nothing opens unless the person opened
 * it before; the vote results are never remembered (they open only on request).
 */

/** Drawers sliding over the canvas (right side; the whole width on a phone). */
export const DRAWERS = [
	'people',
	'share',
	'outline',
	'facilitate',
	'barometer',
	'results',
	'hands'
] as const;
export type DrawerName = (typeof DRAWERS)[number];

/** Drawers that reopen on the next visit when the person left them open. */
const REMEMBERED: readonly DrawerName[] = ['people', 'outline', 'facilitate', 'barometer', 'hands'];

const key = (role: string) => `croisee:live-drawer:${role}`;

/** The drawer this person left open (for this role), or null. */
export function rememberedDrawer({ role }: { role: string }): DrawerName | null {
	try {
		const value = localStorage.getItem(key(role));
		return REMEMBERED.find((name) => name === value) ?? null;
	} catch {
		return null;
	}
}

/** Remembers the open drawer (null: none). */
export function rememberDrawer({ role, drawer }: { role: string; drawer: DrawerName | null }) {
	try {
		if (drawer && REMEMBERED.includes(drawer)) localStorage.setItem(key(role), drawer);
		else localStorage.removeItem(key(role));
	} catch {
		// Private browsing without storage: the layout is simply not remembered.
	}
}
