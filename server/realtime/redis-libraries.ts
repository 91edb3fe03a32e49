/**
 * node-redis and socket.io's Redis adapter, imported by `loadRedisLibraries` (`redis-bus.ts`) only
 * when `REDIS_URL` is set. Named imports of these CommonJS packages in a module of their own: the
 * compiled server bundles them, and a dynamic `import()` of a bundled CommonJS package would
 * expose only its `default` export.
 */
export { createClient } from '@redis/client';
export { createAdapter } from '@socket.io/redis-adapter';
