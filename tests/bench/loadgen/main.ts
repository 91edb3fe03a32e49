import type { LoadgenCommand, LoadgenMessage, LoadgenRequest } from '../shared.ts';
import { runFanout, type Mark } from './fanout.ts';
import { runIdle, runJoins } from './joins.ts';

/**
 * The load generator process: started by the orchestrator (pinned to its own core) with an IPC
 * channel, it runs one command at a time and reports marks (points where the orchestrator samples
 * the server, acknowledged before the run goes on) and results.
 */

const pendingMarks = new Map<number, () => void>();
let nextMarkId = 1;

function send(message: LoadgenMessage): void {
	process.send?.(message);
}

const mark: Mark = (name) =>
	new Promise<void>((resolve) => {
		const markId = nextMarkId++;
		pendingMarks.set(markId, resolve);
		send({ type: 'mark', markId, name });
	});

async function execute(command: LoadgenRequest): Promise<unknown> {
	switch (command.cmd) {
		case 'fanout':
			return runFanout(command.spec, mark);
		case 'idle':
			return runIdle(command.spec, mark);
		case 'joins':
			return runJoins(command.spec, mark);
	}
}

process.on('message', (command: LoadgenCommand) => {
	if ('type' in command) {
		pendingMarks.get(command.markId)?.();
		pendingMarks.delete(command.markId);
		return;
	}
	execute(command).then(
		(result) => send({ type: 'result', id: command.id, result }),
		(error: unknown) =>
			send({
				type: 'error',
				id: command.id,
				message: error instanceof Error ? error.message : String(error)
			})
	);
});

process.on('disconnect', () => process.exit(0));
// Stopped by the orchestrator: exit normally, so that a CPU profile (BENCH_CPU_PROF_DIR) is written.
process.on('SIGTERM', () => process.exit(0));
