import { eq } from 'drizzle-orm';
import { appContext } from '../../../src/lib/server/context.ts';
import { workshops } from '../../../src/lib/server/db/schema.ts';
import { newId } from '../../../src/lib/server/ids.ts';
import {
	MAX_TIMER_SECONDS,
	remainingMs,
	type AgendaPhase,
	type LiveRunState,
	type TimerState
} from '../../../src/lib/shared/facilitation.ts';

/**
 * Agenda, current phase and timer of each workshop: pure transitions, and a store that keeps the
 * state in `workshops.agenda` / `workshops.live_run` (so late joiners, reconnects and restarts see
 * the same end time) with a per-workshop queue so that concurrent commands never lose an update.
 */

type Stored = Omit<LiveRunState, 'serverNow'>;

const MAX_MS = MAX_TIMER_SECONDS * 1000;
const clamp = (ms: number) => Math.min(MAX_MS, Math.max(0, ms));

/** Starts (or resumes) the timer at `now`; `seconds` sets a new duration. */
export function startTimer(timer: TimerState, now: number, seconds?: number): TimerState {
	const left = seconds === undefined ? remainingMs(timer, now) : clamp(seconds * 1000);
	return { running: true, endsAt: now + left, remainingMs: left };
}

/** Pauses the timer at `now`, keeping what is left. */
export function pauseTimer(timer: TimerState, now: number): TimerState {
	return { running: false, endsAt: null, remainingMs: remainingMs(timer, now) };
}

/** Adds `seconds` (negative: removes) to the timer, never below zero. */
export function addTime(timer: TimerState, now: number, seconds: number): TimerState {
	const left = clamp(remainingMs(timer, now) + seconds * 1000);
	return timer.running
		? { running: true, endsAt: now + left, remainingMs: left }
		: { running: false, endsAt: null, remainingMs: left };
}

/** Makes `phaseId` current: the timer holds its planned duration, paused. */
export function selectPhase(state: Stored, phaseId: string | null): Stored {
	const phase = state.agenda.find((candidate) => candidate.id === phaseId) ?? null;
	const ms = phase ? phase.plannedSeconds * 1000 : 0;
	return {
		...state,
		phaseId: phase?.id ?? null,
		timer: { running: false, endsAt: null, remainingMs: ms }
	};
}

/** Replaces the agenda; phases without an id get one; the current phase stays if still there. */
export function replaceAgenda(
	state: Stored,
	phases: { id?: string; title: string; plannedSeconds: number }[]
): Stored {
	const agenda: AgendaPhase[] = phases.map((phase) => ({
		id: phase.id ?? newId(),
		title: phase.title,
		plannedSeconds: phase.plannedSeconds
	}));
	const phaseId = agenda.some((phase) => phase.id === state.phaseId) ? state.phaseId : null;
	return { ...state, agenda, phaseId };
}

/** Reads and changes live runs, one change at a time per workshop. */
export class LiveRunStore {
	readonly #queues = new Map<string, Promise<unknown>>();

	/** The workshop's live run as stored. */
	async get(workshopId: string): Promise<LiveRunState> {
		const [row] = await appContext()
			.db.select({ agenda: workshops.agenda, liveRun: workshops.liveRun })
			.from(workshops)
			.where(eq(workshops.id, workshopId));
		if (!row) throw new Error(`workshop ${workshopId} not found`);
		return { workshopId, agenda: row.agenda, ...row.liveRun, serverNow: Date.now() };
	}

	/**
	 * Applies `change` to the stored live run (after the previous change of this workshop), then
	 * runs `announce` with the new state before the next change starts, so that what is recorded
	 * and broadcast comes in the order the changes were made: announced outside the queue, a
	 * "start" recorded faster than the "next phase" just before it was overtaken by it, and every
	 * screen showed the phase's timer paused although the facilitator had started it.
	 */
	update(
		workshopId: string,
		change: (state: Stored, now: number) => Stored,
		announce?: (state: LiveRunState) => Promise<void>
	): Promise<LiveRunState> {
		const previous = this.#queues.get(workshopId) ?? Promise.resolve();
		const next = previous.then(async () => {
			const { serverNow: _ignored, ...current } = await this.get(workshopId);
			const now = Date.now();
			const changed = change(current, now);
			await appContext()
				.db.update(workshops)
				.set({
					agenda: changed.agenda,
					liveRun: { phaseId: changed.phaseId, timer: changed.timer }
				})
				.where(eq(workshops.id, workshopId));
			const state = { ...changed, serverNow: Date.now() };
			await announce?.(state);
			return state;
		});
		const settled = next.catch(() => undefined);
		this.#queues.set(workshopId, settled);
		void settled.then(() => {
			if (this.#queues.get(workshopId) === settled) this.#queues.delete(workshopId);
		});
		return next;
	}
}
