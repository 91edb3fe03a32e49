import * as z from 'zod';
import { MIN_PASSWORD_LENGTH, passwordWeakness } from './password-rules.ts';

/** A display name: what others see (a pseudonym is fine). */
export const displayName = z.string().trim().min(1).max(60);

/** Input of `POST /api/auth/signup`. */
export const signUpInput = z.object({
	name: displayName,
	email: z.string().trim().max(254).pipe(z.email()),
	password: z
		.string()
		.min(MIN_PASSWORD_LENGTH)
		.max(256)
		.refine((password) => passwordWeakness(password) === null, {
			message: `Choose at least ${MIN_PASSWORD_LENGTH} characters, not a common password`
		})
});

/** Input of `POST /api/auth/login`. */
export const logInInput = z.object({
	email: z.string().trim().max(254),
	password: z.string().max(256)
});

/** Input of `POST /api/boards`. */
export const createBoardInput = z.object({ title: z.string().trim().min(1).max(120) });

/** Input of `POST /api/join/<code>`: a display name and a category (a short label). */
export const joinInput = z.object({
	name: displayName,
	category: z.string().trim().min(1).max(40)
});
