/**
 * Creates a system administrator from the shell, for unattended installs:
 *   MITWIRKEN_PASSWORD=… npm run user:create -- --email a@b.de --name "…" --organisation "Landkreis …"
 * The password comes from MITWIRKEN_PASSWORD or standard input, never from the command line.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { minPasswordLength, maxPasswordLength } from '../../password-policy';
import { createUser } from '../auth/users';
import { defaultDatabaseUrl, openDatabase } from '../db';
import { runAudited } from '../db/audit';
import * as table from '../db/schema';
import { addMember, createOrganisation } from '../organisations/organisations';

const input = v.object({
	email: v.pipe(v.string(), v.trim(), v.email('--email must be an email address')),
	name: v.pipe(v.string(), v.trim(), v.nonEmpty('--name is required'), v.maxLength(120)),
	organisation: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(120))),
	kind: v.optional(v.picklist(table.organisationKinds), 'landkreis'),
	password: v.pipe(
		v.string(),
		v.minLength(minPasswordLength, `the password needs at least ${minPasswordLength} characters`),
		v.maxLength(maxPasswordLength)
	)
});

async function main() {
	const { values } = parseArgs({
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
		for (const issue of parsed.issues) console.error(`user:create: ${issue.message}`);
		process.exit(2);
	}
	const { email, name, organisation, kind } = parsed.output;

	const db = openDatabase(process.env.DATABASE_URL || defaultDatabaseUrl);
	const created = await createUser(db, {
		email,
		name,
		password,
		isSystemAdmin: true
	});
	if (!created.ok) {
		console.error(`user:create: an account for ${email} exists already`);
		process.exit(1);
	}
	if (organisation) {
		const existing = db
			.select()
			.from(table.organisation)
			.where(eq(table.organisation.name, organisation))
			.get();
		const target = existing ?? createOrganisation(db, { name: organisation, kind });
		addMember(db, target.id, created.user.id, 'admin');
		console.log(`Created ${email}, administrator of ${target.name} (/o/${target.slug}).`);
	} else {
		console.log(`Created ${email}, system administrator.`);
	}
}

/** The shell account that ran the command, for the audit log. */
function operator(): string {
	try {
		return userInfo().username;
	} catch {
		return process.env.USER ?? 'unknown';
	}
}

await runAudited(
	{
		actorKind: 'cli',
		actorUserId: null,
		actorName: operator(),
		organisationId: null,
		processId: null,
		path: 'user:create'
	},
	main
);
