/**
 * After a failed form submission, moves focus to the first invalid field of `form`, or to its
 * error summary, so that keyboard and screen-reader users land on what to fix.
 */
export function focusFirstInvalid(form: HTMLFormElement): void {
	const target = form.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]');
	target?.focus();
}
