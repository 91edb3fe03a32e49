import { isMessageKey, type MessageKey, type Translate } from '$lib/i18n';
import {
	isWorkshopEventType,
	unknownEventType,
	type WorkshopEventType
} from '$lib/shared/workshop-events';

/** `h:mm:ss` of a duration in milliseconds (negative durations count as zero). */
export function formatElapsed(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${Math.floor(total / 3600)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

/**
 * The message naming an event of the catalogue on the timeline, or null for one shown by its
 * type (`event_other`). Exhaustive: a type added to the catalogue must be decided here.
 */
export function eventMessageKey(type: WorkshopEventType): MessageKey | null {
	switch (type) {
		case 'join':
		case 'leave':
		case 'agenda':
		case 'phase':
		case 'timer-start':
		case 'timer-pause':
		case 'timer-add':
		case 'hand-raise':
		case 'hand-lower':
		case 'hand-lowered-by-facilitator':
		case 'reaction':
		case 'follow-start':
		case 'follow-stop':
		case 'spotlight':
		case 'lock':
		case 'unlock':
		case 'vote-open':
		case 'vote':
		case 'vote-retract':
		case 'vote-close':
		case 'brainstorm-start':
		case 'brainstorm-stop':
		case 'brainstorm-reveal':
		case 'groups-split':
		case 'groups-cross':
		case 'gather':
		case 'invite-revoked':
		case 'person-erased':
		case 'workshop-settings':
		case 'workshop-archived':
		case 'log-purged':
		case 'objects-restored':
		case 'workshop-programme':
		case 'results-published':
		case 'results-unpublished':
			return `event_${type.replaceAll('-', '_')}` as MessageKey;
		// Membership changes: shown by their type (nobody's name, nothing of the board changes).
		case 'person-updated':
		case 'person-removed':
		case 'person-admitted':
			return null;
		default:
			return unknownEventType(type);
	}
}

/** The label of a workshop event type (its message, or a generic one naming the type). */
export function eventLabel(t: Translate, type: string): string {
	const key = isWorkshopEventType(type) ? eventMessageKey(type) : null;
	return key && isMessageKey(key) ? t(key) : t('event_other', { type });
}
