/** The process logger, shared with the SvelteKit code (see `src/lib/server/log.ts`). */
export { log, serializeError } from '../src/lib/server/log.ts';
