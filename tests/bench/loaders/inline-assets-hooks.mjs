import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const INLINE = '?inline';

/** Module-loader hooks: `<file>?inline` loads as `export default 'data:…;base64,…'`. */
export async function load(url, context, nextLoad) {
	if (!url.endsWith(INLINE)) return nextLoad(url, context);
	const bytes = await readFile(fileURLToPath(url.slice(0, -INLINE.length)));
	const dataUrl = `data:application/octet-stream;base64,${bytes.toString('base64')}`;
	return {
		format: 'module',
		source: `export default ${JSON.stringify(dataUrl)};`,
		shortCircuit: true
	};
}
