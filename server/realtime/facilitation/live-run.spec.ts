import { describe, expect, it } from 'vitest';
import { remainingMs } from '../../../src/lib/shared/facilitation.ts';
import { addTime, pauseTimer, replaceAgenda, selectPhase, startTimer } from './live-run.ts';

const idle = { running: false, endsAt: null, remainingMs: 0 };

describe('workshop timer transitions', () => {
	it('runs to an end time held by the server, pauses with what is left, and resumes from there', () => {
		const started = startTimer(idle, 1_000, 300);
		expect(started).toEqual({ running: true, endsAt: 301_000, remainingMs: 300_000 });
		expect(remainingMs(started, 61_000)).toBe(240_000);
		const paused = pauseTimer(started, 61_000);
		expect(paused).toEqual({ running: false, endsAt: null, remainingMs: 240_000 });
		expect(remainingMs(paused, 999_999)).toBe(240_000);
		expect(startTimer(paused, 100_000)).toMatchObject({ running: true, endsAt: 340_000 });
	});

	it('adds or removes time without going below zero, running or paused', () => {
		const running = startTimer(idle, 0, 60);
		expect(addTime(running, 0, 60)).toMatchObject({ running: true, endsAt: 120_000 });
		expect(addTime(running, 30_000, -600)).toEqual({
			running: true,
			endsAt: 30_000,
			remainingMs: 0
		});
		expect(addTime(pauseTimer(running, 0), 0, 30).remainingMs).toBe(90_000);
	});

	it('sets the timer to a phase’s planned duration, paused, and keeps the current phase across agenda edits', () => {
		const state = replaceAgenda({ workshopId: 'w', agenda: [], phaseId: null, timer: idle }, [
			{ title: 'Accueil', plannedSeconds: 300 },
			{ id: 'p2', title: 'Idées', plannedSeconds: 600 }
		]);
		expect(state.agenda[0]?.id).toMatch(/^[a-z0-9]+$/);
		const current = selectPhase(state, 'p2');
		expect(current).toMatchObject({
			phaseId: 'p2',
			timer: { running: false, remainingMs: 600_000 }
		});
		expect(
			replaceAgenda(current, [{ id: 'p2', title: 'Idées', plannedSeconds: 900 }]).phaseId
		).toBe('p2');
		expect(replaceAgenda(current, [{ title: 'Autre', plannedSeconds: 60 }]).phaseId).toBeNull();
		expect(selectPhase(current, 'unknown')).toMatchObject({ phaseId: null, timer: idle });
	});
});
