import { publicResults } from '$lib/server/services/publication';
import type { PageServerLoad } from './$types';
import { refusePage } from '$lib/server/http';

/**
 * The public results of an archived workshop: no session needed, nothing personal (see
 * `services/publication.ts`). 404 once unpublished; never cached nor indexed.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const results = await publicResults(params.token);
	if (!results) refusePage(404, 'results_unknown', 'No such published results');
	return { token: params.token, results };
};
