/**
 * A one-time link to choose a new password, for the operator when someone is locked out and no
 * mail is configured:
 *   npm run user -- reset-password it@kreis.example [--origin https://mitwirken.kreis.de]
 * The link works once, for one hour; using it ends all of the person's sessions.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { createPasswordReset } from '../auth/password-reset';
import { findUserByEmail } from '../auth/users';
import type { Db } from '../db';

const input = v.object({
	email: v.pipe(v.string(), v.trim(), v.email('give the e-mail address of the account')),
	origin: v.optional(
		v.pipe(
			v.string(),
			v.url('--origin must be the address of the site, e.g. https://mitwirken.kreis.de'),
			v.transform((url) => new URL(url).origin)
		)
	)
});

/** Returns the exit code. */
export async function resetPasswordCommand(db: () => Db, args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: { origin: { type: 'string' } }
	});
	const parsed = v.safeParse(input, {
		email: positionals[0] ?? '',
		origin: values.origin ?? (process.env.ORIGIN || undefined)
	});
	if (!parsed.success) {
		for (const issue of parsed.issues) console.error(`user reset-password: ${issue.message}`);
		return 2;
	}
	const { email, origin } = parsed.output;
	const database = db();
	const user = findUserByEmail(database, email);
	if (!user) {
		console.error(`user reset-password: there is no account for ${email}`);
		return 1;
	}
	const { token, expiresAt } = createPasswordReset(database, user.id);
	const path = `/password-reset/${token}`;
	console.log(
		`One-time link for ${user.email}, valid until ${expiresAt.toISOString()} (one hour, one use):`
	);
	console.log(origin ? `${origin}${path}` : path);
	if (!origin) {
		console.log(
			'Put the address of the site in front (set ORIGIN or pass --origin to get it whole).'
		);
	}
	return 0;
}
