import { createHash } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import * as v from 'valibot';
import { stakeholderCategories, type StakeholderCategory } from '../../domain';
import { categoryMessages } from '../../live/labels';
import { m } from '../../paraglide/messages';
import { roles, type Role } from '../auth/roles';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import * as field from '../forms/fields';
import { createInvitation } from '../organisations/invitations';
import { choice, normalise, text, type Parsed } from './columns';
import type { TableRow } from './read-table';

/**
 * A list of people (name, e-mail, role, body, stakeholder group) becomes invitations: each
 * new person gets a one-time link for the role, and a seat in the body named, if any. People
 * who are already members, or already invited, are reported and left alone.
 */

type Locale = 'de' | 'en';
type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const roleMessages: Record<Role, Message> = {
	admin: m.role_admin,
	process_owner: m.role_process_owner,
	moderator: m.role_moderator,
	steering_member: m.role_steering_member
};
const labelled = <K extends string>(messages: Record<K, Message>) => ({
	label: (value: K, locale?: Locale) => messages[value]({}, locale ? { locale } : undefined)
});

const memberColumns = {
	name: { header: m.members_column_name, aliases: ['Vor- und Nachname', 'Person', 'Mitglied'] },
	email: {
		header: m.members_column_email,
		aliases: ['E-Mail-Adresse', 'Mail', 'Email', 'E-Mail address']
	},
	role: { header: m.members_column_role, aliases: ['Rolle', 'Role', 'Berechtigung'] },
	body: {
		header: m.members_column_body,
		aliases: ['Gremium', 'Body', 'Arbeitsgruppe', 'Steuerungsgruppe']
	},
	category: {
		header: m.members_column_category,
		aliases: ['Stakeholder-Gruppe', 'Stakeholder group', 'Gruppe', 'Bereich', 'Sektor']
	}
} satisfies Record<string, { header: Message; aliases: string[] }>;
type MemberKey = keyof typeof memberColumns;
const memberKeys = Object.keys(memberColumns) as MemberKey[];

const memberHeaders = new Map<string, MemberKey>(
	memberKeys.flatMap((key) => {
		const { header, aliases } = memberColumns[key];
		const names = [header({}, { locale: 'de' }), header({}, { locale: 'en' }), ...aliases];
		return names.map((name) => [normalise(name), key] as const);
	})
);

export const memberColumnOfHeader = (header: string) =>
	memberHeaders.get(normalise(header)) ?? null;

const parsers: { [K in MemberKey]: (value: string) => Parsed<unknown> } = {
	name: text(field.requiredLine(200)),
	email: text(v.pipe(field.email, v.toLowerCase())),
	role: choice(roles, labelled(roleMessages), { mitglied: 'steering_member' }, 'steering_member'),
	body: text(field.optionalLine(200)),
	category: (value: string) =>
		value.trim() === ''
			? { ok: true, value: null }
			: choice(stakeholderCategories, labelled(categoryMessages), {}, 'other')(value)
};

export interface PlannedMember {
	line: number;
	action: 'invite' | 'existing' | 'refused';
	name: string;
	email: string;
	role: Role;
	bodyId: number | null;
	bodyName: string;
	category: StakeholderCategory | null;
	details: string[];
}

export interface MembersPlan {
	problems: string[];
	rows: PlannedMember[];
	counts: Record<PlannedMember['action'], number>;
	fingerprint: string;
}

/** The organisation's bodies by name; a name in several processes means the newest process's. */
function bodiesByName(db: DbOrTx, organisationId: number) {
	const bodies = db
		.select({ id: table.body.id, name: table.body.name })
		.from(table.body)
		.innerJoin(table.process, eq(table.body.processId, table.process.id))
		.where(and(eq(table.process.organisationId, organisationId), isNull(table.body.archivedAt)))
		.orderBy(desc(table.process.id))
		.all();
	const byName = new Map<string, { id: number; name: string }>();
	for (const body of bodies)
		if (!byName.has(normalise(body.name))) byName.set(normalise(body.name), body);
	return byName;
}

/** E-mail addresses that are members already, or named in an open invitation's note. */
function knownAddresses(db: DbOrTx, organisationId: number, now: Date) {
	const members = db
		.select({ email: table.user.email })
		.from(table.membership)
		.innerJoin(table.user, eq(table.membership.userId, table.user.id))
		.where(eq(table.membership.organisationId, organisationId))
		.all()
		.map((row) => row.email.toLowerCase());
	const invited = db
		.select({ note: table.invitation.note })
		.from(table.invitation)
		.where(
			and(
				eq(table.invitation.organisationId, organisationId),
				isNull(table.invitation.acceptedAt),
				gt(table.invitation.expiresAt, now)
			)
		)
		.all()
		.flatMap((row) => /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(row.note)?.[1]?.toLowerCase() ?? []);
	return { members: new Set(members), invited: new Set(invited) };
}

/** The dry run of a member list: who is invited, who is known already, which rows are refused. */
export function planMembers(
	db: DbOrTx,
	organisationId: number,
	header: string[],
	rows: TableRow[],
	fileHash: string,
	now = new Date()
): MembersPlan {
	const mapping = header.map(memberColumnOfHeader);
	const problems = (['name', 'email'] as const)
		.filter((key) => !mapping.includes(key))
		.map((key) => m.import_problem_unmapped({ column: memberColumns[key].header() }));
	const bodies = bodiesByName(db, organisationId);
	const known = knownAddresses(db, organisationId, now);
	const seen = new Set<string>();
	const planned =
		problems.length > 0
			? []
			: rows.map((row): PlannedMember => {
					const values: Partial<Record<MemberKey, unknown>> = {};
					const details: string[] = [];
					mapping.forEach((key, index) => {
						if (!key || key in values) return;
						const result = parsers[key](row.cells[index] ?? '');
						if (result.ok) values[key] = result.value;
						else details.push(`${memberColumns[key].header()}: ${result.problem}`);
					});
					const email =
						(values.email as string | undefined) ?? row.cells[mapping.indexOf('email')] ?? '';
					const bodyName = (values.body as string | undefined) ?? '';
					const body = bodyName ? bodies.get(normalise(bodyName)) : undefined;
					if (bodyName && !body) details.push(m.members_import_unknown_body({ name: bodyName }));
					if (details.length === 0 && seen.has(email))
						details.push(m.members_import_twice({ email }));
					seen.add(email);
					const entry = {
						line: row.line,
						name: (values.name as string | undefined) ?? row.cells[mapping.indexOf('name')] ?? '',
						email,
						role: (values.role as Role | undefined) ?? 'steering_member',
						bodyId: body?.id ?? null,
						bodyName: body?.name ?? bodyName,
						category: (values.category as StakeholderCategory | null | undefined) ?? null
					};
					if (details.length > 0) return { ...entry, action: 'refused', details };
					if (known.members.has(email)) {
						return { ...entry, action: 'existing', details: [m.members_import_is_member()] };
					}
					if (known.invited.has(email)) {
						return { ...entry, action: 'existing', details: [m.members_import_is_invited()] };
					}
					return { ...entry, action: 'invite', details: [] };
				});
	const counts = { invite: 0, existing: 0, refused: 0 };
	for (const row of planned) counts[row.action] += 1;
	const fingerprint = createHash('sha256')
		.update(JSON.stringify({ fileHash, planned }))
		.digest('hex');
	return { problems, rows: planned, counts, fingerprint };
}

export type MembersOutcome =
	| { ok: true; invited: { name: string; email: string; token: string }[]; existing: number }
	| { ok: false; reason: 'changed' | 'refused_rows' | 'nothing' };

/** Creates the invitations (and body seats) of the dry run, all in one transaction. */
export function inviteMembers(
	db: Db,
	organisationId: number,
	invitedBy: number,
	header: string[],
	rows: TableRow[],
	fileHash: string,
	fingerprint: string
): MembersOutcome {
	return db.transaction((tx) => {
		const plan = planMembers(tx, organisationId, header, rows, fileHash);
		if (plan.fingerprint !== fingerprint) return { ok: false, reason: 'changed' } as const;
		if (plan.counts.refused > 0) return { ok: false, reason: 'refused_rows' } as const;
		if (plan.counts.invite === 0) return { ok: false, reason: 'nothing' } as const;
		const invited = plan.rows
			.filter((row) => row.action === 'invite')
			.map((row) => {
				const { token } = createInvitation(tx, {
					organisationId,
					role: row.role,
					note: `${row.name} <${row.email}>`,
					createdByUserId: invitedBy
				});
				if (row.bodyId !== null) {
					tx.insert(table.bodyMember)
						.values({ bodyId: row.bodyId, name: row.name, category: row.category })
						.run();
				}
				return { name: row.name, email: row.email, token };
			});
		return { ok: true, invited, existing: plan.counts.existing } as const;
	});
}
