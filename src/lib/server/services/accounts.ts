import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { appContext } from '../context.ts';
import { users } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { failure, type Failure } from './failure.ts';

/** argon2id parameters recommended by OWASP (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** A password hash of a string nobody uses, to make failed look-ups as slow as real checks. */
let decoyHash: Promise<string> | null = null;

/**
 * What sign-up answers, whether the address was free or not (no account enumeration): the person
 * is not signed in, and is told to sign in with the address.
 */
export type SignUpOutcome = { status: 'sign_in' };

/**
 * Creates a facilitator account when the e-mail (compared case-insensitively) is free; does nothing
 * when it is taken, in about the same time (the password is hashed either way, one insert that
 * conflicts or not), and answers the same. Attempts per client `address` are limited
 * (`SIGNUPS_PER_HOUR_PER_ADDRESS`; 429 with `retryAfterSeconds` beyond).
 */
export async function signUp(input: {
	name: string;
	email: string;
	password: string;
	/** The client's address, for the per-address limit. */
	address: string;
}): Promise<SignUpOutcome | (Failure & { retryAfterSeconds?: number })> {
	const { db, config, loginThrottle } = appContext();
	const waitMs = loginThrottle.takeSignUp({
		address: input.address,
		perWindow: config.signupsPerHourPerAddress
	});
	if (waitMs > 0) {
		const retryAfterSeconds = Math.ceil(waitMs / 1000);
		return {
			...failure(429, 'too_many_signups', `Too many sign-ups; retry in ${retryAfterSeconds} s`),
			retryAfterSeconds
		};
	}
	const email = input.email.trim().toLowerCase();
	const passwordHash = await hash(input.password, ARGON2_OPTIONS);
	await db
		.insert(users)
		.values({ id: newId(), kind: 'account', name: input.name.trim(), email, passwordHash })
		.onConflictDoNothing();
	return { status: 'sign_in' };
}

/**
 * Checks an e-mail and password; the same failure for an unknown e-mail and a wrong password.
 * Repeated failures for one account or from one `address` are locked out with a doubling wait
 * (429, `retryAfterSeconds`).
 */
export async function logIn(input: {
	email: string;
	password: string;
	/** The client's address, for the per-address lock-out. */
	address: string;
}): Promise<{ userId: string } | (Failure & { retryAfterSeconds?: number })> {
	const { db, loginThrottle: throttle } = appContext();
	const email = input.email.trim().toLowerCase();
	const who = { email, address: input.address };
	const waitMs = throttle.retryAfterMs(who);
	if (waitMs > 0) {
		const retryAfterSeconds = Math.ceil(waitMs / 1000);
		return {
			...failure(
				429,
				'too_many_attempts',
				`Too many failed attempts; retry in ${retryAfterSeconds} s`
			),
			retryAfterSeconds
		};
	}
	const [user] = await db
		.select({ id: users.id, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.email, email));
	const passwordHash = user?.passwordHash ?? (await (decoyHash ??= hash('decoy', ARGON2_OPTIONS)));
	const valid = await verify(passwordHash, input.password);
	if (!user?.passwordHash || !valid) {
		throttle.recordFailure(who);
		return failure(401, 'bad_credentials', 'Wrong e-mail or password');
	}
	throttle.recordSuccess(who);
	return { userId: user.id };
}
