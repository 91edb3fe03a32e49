import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { SERVER_BUNDLE } from '../../scripts/build.js';
import type { RunningServer } from '../../server/app.ts';

/**
 * Croisée servers in child processes, for the fault and instance tests: the production build run as
 * `npm start` runs it (`node build/croisee-server.js`, the compiled server with the handler and
 * packages bundled in; `npm test` builds it first), killed with SIGKILL, restarted on the same
 * port and data.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The production server's command line, relative to the root. */
const SERVER_ARGS = [path.join('build', SERVER_BUNDLE)];

/** A free loopback TCP port (the child restarts on it, so clients find it again). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** Where a child server keeps its data, and how to remove it afterwards. */
export interface ChildStorage {
	env: Record<string, string>;
	destroy(): Promise<void>;
}

/**
 * A fresh data directory (PGlite) or PostgreSQL database for child servers; the database is
 * created on the server of `adminUrl` (default: `DATABASE_URL`).
 */
export async function childStorage(
	driver: 'pglite' | 'postgres',
	adminUrl = process.env.DATABASE_URL ?? ''
): Promise<ChildStorage> {
	if (driver === 'pglite') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-fault-'));
		return {
			env: { DATA_DIR: dir },
			destroy: async () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
		};
	}
	const name = `croisee_fault_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-fault-'));
	return {
		env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
		destroy: async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
			fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
		}
	};
}

/** A server in a child process. */
export interface ChildServer {
	/** What the tests' helpers need of a server: its URL. */
	server: RunningServer;
	process: ChildProcess;
	/** Everything the child wrote on stdout and stderr. */
	output(): string;
	/** Resolves with the exit code (or signal name) once the child is gone. */
	exited: Promise<number | string>;
}

/** Runs the production server with `env` and resolves its exit code and output (for start failures). */
export function runServerToExit(
	env: Record<string, string>
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, SERVER_ARGS, {
			cwd: ROOT,
			env: { ...baseEnv(), PORT: '0', ...env }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('exit', (code) => resolve({ code, stdout, stderr }));
	});
}

/** Variables of the test process a child does not inherit: each test says what it uses. */
const INHERITED_NOT = new Set(['DATABASE_URL', 'REDIS_URL', 'VITEST']);

function baseEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !INHERITED_NOT.has(key)) env[key] = value;
	}
	return { ...env, NODE_ENV: 'production', HOST: '127.0.0.1', SECRET: 'fault-test-secret' };
}

/** Starts a child server on `port` with `env`; resolves once it listens. */
export function startChildServer(port: number, env: Record<string, string>): Promise<ChildServer> {
	const child = spawn(process.execPath, SERVER_ARGS, {
		cwd: ROOT,
		env: { ...baseEnv(), LOG_LEVEL: 'warn', ...env, PORT: String(port) }
	});
	let output = '';
	const exited = new Promise<number | string>((resolve) =>
		child.once('exit', (code, signal) => resolve(code ?? signal ?? -1))
	);
	return new Promise((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Croisée is running')) {
				const url = `http://127.0.0.1:${port}`;
				resolve({
					server: { url, port } as RunningServer,
					process: child,
					output: () => output,
					exited
				});
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		void exited.then((code) => reject(new Error(`child server exited (${code}): ${output}`)));
	});
}

/** Kills the child with SIGKILL (no flush, no goodbye) and waits until it is gone. */
export async function killHard(child: ChildServer): Promise<void> {
	child.process.kill('SIGKILL');
	await child.exited;
}

/** Stops the child gracefully (SIGTERM), killing it if it takes longer than 15 s. */
export async function stopChild(child: ChildServer): Promise<void> {
	if (child.process.exitCode !== null || child.process.signalCode !== null) return;
	child.process.kill('SIGTERM');
	const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
	await child.exited;
	clearTimeout(timer);
}
