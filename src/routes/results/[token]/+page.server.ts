import { error } from '@sveltejs/kit';
import { publicResults } from '$lib/server/services/publication';
import type { PageServerLoad } from './$types';

/**
 * The public results of an archived workshop: no session needed, nothing personal (see
 * `services/publication.ts`). 404 once unpublished; never cached nor indexed.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const results = await publicResults(params.token);
	if (!results) error(404, { message: 'No such published results', code: 'results_unknown' });
	return { token: params.token, results };
};
