import path from 'node:path';
import { BenchProcess } from './server-process.ts';
import type { LoadgenCommand, LoadgenMessage, LoadgenRequest } from './shared.ts';
import { LOADGEN_CORE } from './targets.ts';

/** BENCH_CPU_PROF_DIR=<dir>: the load generator also writes a V8 CPU profile there. */
function profileArgs(): string[] {
	const dir = process.env.BENCH_CPU_PROF_DIR;
	return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/** The load generator process (`loadgen/main.ts`), driven over IPC. */
export class Loadgen {
	private nextId = 1;

	private constructor(private readonly process: BenchProcess) {}

	/** Starts it, pinned to the load generator's core when `pin`. */
	static start(pin: boolean): Loadgen {
		return new Loadgen(
			BenchProcess.start({
				name: 'loadgen',
				core: pin ? LOADGEN_CORE : null,
				args: [...profileArgs(), '--import', 'tsx', 'tests/bench/loadgen/main.ts'],
				logFile: null
			})
		);
	}

	/**
	 * Runs one command. `onMark` is awaited at each named point before the load generator goes on
	 * (that is where the orchestrator samples the server). Rejects after `timeoutMs`.
	 */
	run<T>(
		request: LoadgenRequest,
		onMark: (name: string) => Promise<void>,
		timeoutMs: number
	): Promise<T> {
		const id = this.nextId++;
		const child = this.process.child;
		return new Promise<T>((resolve, reject) => {
			const finish = (error: Error | null, result?: unknown) => {
				clearTimeout(timer);
				child.off('message', onMessage);
				child.off('exit', onExit);
				if (error) reject(error);
				else resolve(result as T);
			};
			const timer = setTimeout(
				() => finish(new Error(`load generator: ${request.cmd} took over ${timeoutMs} ms`)),
				timeoutMs
			);
			const onExit = (code: number | null) =>
				finish(new Error(`load generator exited (${code}): ${this.process.lastOutput()}`));
			const onMessage = (message: LoadgenMessage) => {
				if (message.type === 'mark') {
					const ack = () => child.send({ type: 'mark-ack', markId: message.markId });
					onMark(message.name).then(ack, ack);
				} else if (message.id === id) {
					if (message.type === 'result') finish(null, message.result);
					else finish(new Error(message.message));
				}
			};
			child.on('message', onMessage);
			child.on('exit', onExit);
			const command: LoadgenCommand = { ...request, id };
			child.send(command);
		});
	}

	/** Stops the process. */
	stop(): Promise<void> {
		return this.process.stop();
	}
}
