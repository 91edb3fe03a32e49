/** An expected failure: an HTTP status, a stable machine code (for i18n) and an English message. */
export interface Failure {
	failure: true;
	status: number;
	code: string;
	message: string;
}

/** Builds a `Failure` value. */
export function failure(status: number, code: string, message: string): Failure {
	return { failure: true, status, code, message };
}

/** True when `value` is a `Failure`. */
export function isFailure(value: unknown): value is Failure {
	return typeof value === 'object' && value !== null && (value as Failure).failure === true;
}
