import { pino } from 'pino';

/** The process logger (JSON lines on stdout; `LOG_LEVEL` sets the level, default `info`). */
export const log = pino({
	level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	base: undefined
});
