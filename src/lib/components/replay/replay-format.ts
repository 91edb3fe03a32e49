import { isMessageKey, type Translate } from '$lib/i18n';

/** `h:mm:ss` of a duration in milliseconds (negative durations count as zero). */
export function formatElapsed(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${Math.floor(total / 3600)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

/** The label of a workshop event type (`event_<type>`, or a generic one naming the type). */
export function eventLabel(t: Translate, type: string): string {
	const key = `event_${type.replaceAll('-', '_')}`;
	return isMessageKey(key) ? t(key) : t('event_other', { type });
}
