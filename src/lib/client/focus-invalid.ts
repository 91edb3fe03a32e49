import type { SubmitFunction } from '@sveltejs/kit';

/**
 * After a failed form submission, moves focus to the first invalid field of `form`, or to its
 * error summary, so that keyboard and screen-reader users land on what to fix.
 */
export function focusFirstInvalid(form: HTMLFormElement): void {
	const target = form.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]');
	target?.focus();
}

/**
 * The `use:enhance` submit function of the account and join forms: after the server answered, the
 * form keeps what the person typed and the focus moves to the first field to fix.
 */
export const keepValuesAndFocusInvalid: SubmitFunction =
	({ formElement }) =>
	async ({ update }) => {
		await update({ reset: false });
		focusFirstInvalid(formElement);
	};
