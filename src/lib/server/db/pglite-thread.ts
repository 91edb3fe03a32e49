import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results } from '@electric-sql/pglite';

/**
 * The embedded database in a worker thread of its own. PGlite runs PostgreSQL as WebAssembly on
 * the thread that calls it, and every query holds that thread for its whole run: on the server's
 * thread a 3 ms commit stalls every socket for 3 ms (the N = 50 profile in docs/BENCHMARKS.md:
 * most event-loop stalls of a millisecond or more were PGlite). Here the server thread only posts
 * the statement and gets the rows back, so database work never holds fan-out.
 *
 * `PGliteThread` offers what this project and Drizzle's PGlite driver call on a `PGlite`: `query`
 * (with `rowMode`, `parsers` and `blob`), `transaction` and `close`. Values cross by structured
 * clone (strings, numbers, Dates, Uint8Arrays, objects keep their types). Parsers are functions,
 * which cannot cross: the worker returns the columns they name as text and they run here.
 */

/** Runs in the worker: opens `dataDir` with PGlite and answers the server thread's messages. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
	// require, not import(): PGlite's CommonJS build, without scanning it for ESM named exports.
	const { PGlite, types } = require(workerData.pglitePath);
	const startParams = [...PGlite.defaultStartParams, ...workerData.settings];
	const pglite = new PGlite(workerData.dataDir, { startParams });
	// Bytes through Node's native hex codec (PGlite's own converts byte by byte), each value in an
	// ArrayBuffer of its own so that only its bytes are cloned back.
	pglite.serializers[types.BYTEA] = (value) => {
		if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
		return '\\\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
	};
	pglite.parsers[types.BYTEA] = (text) => new Uint8Array(Buffer.from(text.slice(2), 'hex'));
	const keepText = (value) => value;
	const failure = (error) => {
		const fields = {};
		for (const key of Object.keys(error ?? {})) {
			const value = error[key];
			if (value == null || typeof value !== 'object') fields[key] = value;
		}
		return { name: error?.name, message: String(error?.message ?? error), fields };
	};
	try {
		await pglite.waitReady;
	} catch (error) {
		parentPort.postMessage({ id: 0, error: failure(error) });
		return;
	}
	parentPort.postMessage({ id: 0, result: null });
	parentPort.on('message', async ({ id, op, sql, params, rowMode, textTypes, blob }) => {
		try {
			if (op === 'close') {
				await pglite.close();
				parentPort.postMessage({ id, result: null });
				return;
			}
			const parsers = {};
			for (const type of textTypes) parsers[type] = keepText;
			const options = { rowMode, parsers };
			if (blob) options.blob = new Blob([blob]);
			const result = await pglite.query(sql, params, options);
			parentPort.postMessage({ id, result });
		} catch (error) {
			parentPort.postMessage({ id, error: failure(error) });
		}
	});
})();
`;

interface Reply {
	id: number;
	result?: unknown;
	error?: { name?: string; message: string; fields: Record<string, unknown> };
}

interface Request {
	op: 'query' | 'close';
	sql?: string;
	params?: unknown[];
	rowMode?: 'array' | 'object';
	textTypes?: number[];
	blob?: Uint8Array;
}

/** What a statement can be given: PGlite's query options this class carries across. */
export type ThreadQueryOptions = Pick<QueryOptions, 'rowMode' | 'parsers' | 'blob'>;

/** The part of a PGlite transaction this project and Drizzle use. */
export interface ThreadTransaction {
	query<T>(sql: string, params?: unknown[], options?: ThreadQueryOptions): Promise<Results<T>>;
}

/** An error the worker reported, rebuilt with PGlite's fields (`code`, `detail`, …). */
function rebuiltError(reply: NonNullable<Reply['error']>): Error {
	const error = new Error(reply.message);
	if (reply.name) error.name = reply.name;
	Object.assign(error, reply.fields);
	return error;
}

/** Applies, on this thread, the parsers of the columns the worker returned as text. */
function parsed<T>(result: Results<T>, options: ThreadQueryOptions | undefined): Results<T> {
	const parsers = options?.parsers;
	if (!parsers) return result;
	const columns = result.fields
		.map((field, index) => ({ field, index, parse: parsers[field.dataTypeID] }))
		.filter((column) => column.parse !== undefined);
	if (columns.length === 0) return result;
	const arrays = options?.rowMode === 'array';
	for (const row of result.rows as Record<string | number, unknown>[]) {
		for (const { field, index, parse } of columns) {
			const key = arrays ? index : field.name;
			if (row[key] !== null) row[key] = parse?.(row[key] as string);
		}
	}
	return result;
}

/**
 * PostgreSQL settings of the embedded database, over PGlite's own. `shared_buffers` is 128 MB by
 * default, all of it inside PGlite's WebAssembly memory and touched as it fills: 16 MB keeps the
 * idle process about 130 MB smaller. Reads past it come from the operating system's file cache
 * (PGlite stores its pages as ordinary files), so a workshop's working set still reads fast.
 */
export const PGLITE_SETTINGS: readonly string[] = ['-c', 'shared_buffers=16MB'];

/**
 * V8's budget before a WebAssembly function is recompiled by its optimising compiler, 100 times
 * its default (1,800,000 in Node 20). PostgreSQL's start runs much of its 9 MB of code a few
 * times: at the default budget V8 optimises hundreds of its functions while it starts, about 0.7 s
 * of CPU on background threads (on one core a bare PGlite is ready in 0.6 s instead of 0.9 s).
 * Code run by every statement still reaches the budget, only later: commits were ~25 % slower
 * over their first 40 s in a micro-benchmark, and the fan-out runs showed no loss (figures in
 * docs/BENCHMARKS.md, "Footprint"). A V8 without the flag prints a warning and keeps its default.
 */
const WASM_TIERING_BUDGET = 180_000_000;

/** Applies `WASM_TIERING_BUDGET` (a process-wide V8 flag, read when a module is instantiated). */
function raiseWasmTieringBudget(): void {
	v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}

/** PGlite on a worker thread; open it with `PGliteThread.open`. */
export class PGliteThread {
	readonly #worker: Worker;
	readonly #pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
	#nextId = 1;
	#failure: Error | null = null;
	/** Held by a transaction: statements outside it wait, as on PGlite itself. */
	#lock: Promise<void> = Promise.resolve();

	private constructor(worker: Worker) {
		this.#worker = worker;
		worker.on('message', (reply: Reply) => this.#settle(reply));
		worker.on('error', (error) => this.#fail(error));
		worker.on('exit', (code) => this.#fail(new Error(`the database thread stopped (${code})`)));
	}

	/** Starts the worker and opens PGlite's data directory `dataDir` there. */
	static async open(
		dataDir: string,
		settings: readonly string[] = PGLITE_SETTINGS
	): Promise<PGliteThread> {
		const pglitePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
		raiseWasmTieringBudget();
		const worker = new Worker(WORKER_SOURCE, {
			eval: true,
			// Plain JavaScript: none of the process's loaders (tsx in development) nor its flags.
			execArgv: [],
			workerData: { pglitePath, dataDir, settings: [...settings] }
		});
		const thread = new PGliteThread(worker);
		await new Promise((resolve, reject) => thread.#pending.set(0, { resolve, reject }));
		worker.unref();
		return thread;
	}

	#settle(reply: Reply): void {
		const waiter = this.#pending.get(reply.id);
		if (!waiter) return;
		this.#pending.delete(reply.id);
		if (this.#pending.size === 0) this.#worker.unref();
		if (reply.error) waiter.reject(rebuiltError(reply.error));
		else waiter.resolve(reply.result);
	}

	#fail(error: Error): void {
		this.#failure ??= error;
		for (const waiter of this.#pending.values()) waiter.reject(error);
		this.#pending.clear();
	}

	/** Posts one request; the worker keeps the process alive only while an answer is awaited. */
	#send<T>(request: Request): Promise<T> {
		if (this.#failure) return Promise.reject(this.#failure);
		const id = this.#nextId++;
		const transfer = request.blob ? [request.blob.buffer as ArrayBuffer] : [];
		return new Promise<T>((resolve, reject) => {
			try {
				this.#worker.postMessage({ id, ...request }, transfer);
			} catch (error) {
				reject(error as Error); // a value that cannot be cloned: nothing was sent
				return;
			}
			this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.#worker.ref();
		});
	}

	async #query<T>(
		sql: string,
		params: unknown[] = [],
		options?: ThreadQueryOptions
	): Promise<Results<T>> {
		const blob = options?.blob ? new Uint8Array(await options.blob.arrayBuffer()) : undefined;
		const textTypes = Object.keys(options?.parsers ?? {}).map(Number);
		const result = await this.#send<Results<T>>({
			op: 'query',
			sql,
			params,
			rowMode: options?.rowMode,
			textTypes,
			blob
		});
		return parsed(result, options);
	}

	/** Runs `fn` while holding the database, as PGlite does for a transaction. */
	async #exclusive<T>(fn: () => Promise<T>): Promise<T> {
		const previous = this.#lock;
		let release = () => {};
		this.#lock = new Promise<void>((resolve) => (release = resolve));
		await previous;
		try {
			return await fn();
		} finally {
			release();
		}
	}

	/** One statement, as `PGlite.query`. */
	query<T>(sql: string, params?: unknown[], options?: ThreadQueryOptions): Promise<Results<T>> {
		return this.#exclusive(() => this.#query<T>(sql, params, options));
	}

	/** `fn`'s statements in one transaction, committed when it returns, rolled back if it throws. */
	transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
		return this.#exclusive(async () => {
			let open = true;
			const tx: ThreadTransaction = {
				query: <R>(sql: string, params?: unknown[], options?: ThreadQueryOptions) => {
					if (!open) return Promise.reject(new Error('the transaction is over'));
					return this.#query<R>(sql, params, options);
				}
			};
			await this.#query('begin');
			try {
				const result = await fn(tx);
				open = false;
				await this.#query('commit');
				return result;
			} catch (error) {
				open = false;
				if (!this.#failure) await this.#query('rollback');
				throw error;
			}
		});
	}

	/** Closes the database and stops the worker. */
	async close(): Promise<void> {
		if (!this.#failure) await this.#exclusive(() => this.#send<null>({ op: 'close' }));
		this.#failure ??= new Error('the database is closed');
		await this.#worker.terminate();
	}
}
