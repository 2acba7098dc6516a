/**
 * Creates a system administrator from the shell, for unattended installs:
 *   MITWIRKEN_PASSWORD=… npm run user -- create --email a@b.de --name "…" --organisation "Landkreis …"
 * The password comes from MITWIRKEN_PASSWORD or standard input, never from the command line.
 */
import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { passwordProblem } from '../auth/password-policy';
import { createUser } from '../auth/users';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addMember, createOrganisation } from '../organisations/organisations';
import { passwordProblemText } from './password-text';

const input = v.pipe(
	v.object({
		email: v.pipe(v.string(), v.trim(), v.email('--email must be an email address')),
		name: v.pipe(v.string(), v.trim(), v.nonEmpty('--name is required'), v.maxLength(120)),
		organisation: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(120))),
		kind: v.optional(v.picklist(table.organisationKinds), 'landkreis'),
		password: v.string()
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const problem = passwordProblem(dataset.value.password, dataset.value);
		if (problem) addIssue({ message: passwordProblemText(problem) });
	})
);

/** Returns the exit code. */
export async function createUserCommand(db: () => Db, args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			email: { type: 'string', default: '' },
			name: { type: 'string', default: '' },
			organisation: { type: 'string' },
			kind: { type: 'string' }
		}
	});
	const password = process.env.MITWIRKEN_PASSWORD ?? (await text(process.stdin)).trim();
	const parsed = v.safeParse(input, { ...values, password });
	if (!parsed.success) {
		for (const issue of parsed.issues) console.error(`user create: ${issue.message}`);
		return 2;
	}
	const { email, name, organisation, kind } = parsed.output;

	const database = db();
	const created = await createUser(database, { email, name, password, isSystemAdmin: true });
	if (!created.ok) {
		console.error(`user create: an account for ${email} exists already`);
		return 1;
	}
	if (organisation) {
		const existing = database
			.select()
			.from(table.organisation)
			.where(eq(table.organisation.name, organisation))
			.get();
		const target = existing ?? createOrganisation(database, { name: organisation, kind });
		addMember(database, target.id, created.user.id, 'admin');
		console.log(`Created ${email}, administrator of ${target.name} (/o/${target.slug}).`);
	} else {
		console.log(`Created ${email}, system administrator.`);
	}
	return 0;
}
