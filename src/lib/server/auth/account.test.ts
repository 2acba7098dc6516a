import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestEvent,
	createTestOrganisation
} from '../../../../tests/factories';
import { addComment } from '../concept/comments';
import { saveVersion } from '../concept/versions';
import * as table from '../db/schema';
import { addMember } from '../organisations/organisations';
import { checkAccountDeletion, deleteAccount, exportAccountData } from './account';
import { createSession, validateSessionToken } from './session';

async function organisationWithWriter() {
	const db = createTestDb();
	const organisation = createTestOrganisation(db);
	const admin = await createMember(db, organisation.id, 'admin');
	const writer = await createMember(db, organisation.id, 'process_owner');
	const { process } = createTestEvent(db, organisation.id);
	const comment = addComment(
		db,
		process.id,
		writer,
		'introduction',
		'Bitte Sprachkurse ergänzen.'
	)!;
	const version = saveVersion(
		db,
		process,
		organisation.name,
		{ introduction: '', note: 'Entwurf für die Steuerungsgruppe' },
		writer
	);
	return { db, organisation, admin, writer, process, comment, version };
}

describe('own data', () => {
	it('exports profile, memberships, sessions and what the person wrote, without secrets', async () => {
		const { db, organisation, writer } = await organisationWithWriter();
		createSession(db, writer.id, new Date(), 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0');
		const data = exportAccountData(db, writer.id)!;
		expect(data.profile.email).toBe(writer.email);
		expect(data.memberships).toEqual([
			expect.objectContaining({ organisation: organisation.name, role: 'process_owner' })
		]);
		expect(data.sessions).toEqual([
			expect.objectContaining({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0' })
		]);
		expect(data.conceptComments.map((c) => c.body)).toEqual(['Bitte Sprachkurse ergänzen.']);
		expect(data.conceptVersionsSaved.map((v) => v.note)).toEqual([
			'Entwurf für die Steuerungsgruppe'
		]);
		const text = JSON.stringify(data);
		expect(text).not.toContain('argon2');
		expect(text).not.toMatch(/secret/i);
	});
});

describe('deleting an account', () => {
	it('keeps what the person wrote, signed "former member", and ends their sessions', async () => {
		const { db, writer, comment, version } = await organisationWithWriter();
		const { token } = createSession(db, writer.id);
		expect(deleteAccount(db, writer.id, 'ehemaliges Mitglied')).toEqual({ allowed: true });

		expect(db.select().from(table.user).where(eq(table.user.id, writer.id)).get()).toBeUndefined();
		expect(validateSessionToken(db, token).valid).toBe(false);
		const keptComment = db
			.select()
			.from(table.conceptComment)
			.where(eq(table.conceptComment.id, comment.id))
			.get()!;
		expect(keptComment).toMatchObject({
			body: 'Bitte Sprachkurse ergänzen.',
			authorId: null,
			authorName: 'ehemaliges Mitglied'
		});
		const keptVersion = db
			.select()
			.from(table.conceptVersion)
			.where(eq(table.conceptVersion.id, version.id))
			.get()!;
		expect(keptVersion).toMatchObject({ createdBy: null, createdByName: 'ehemaliges Mitglied' });
		expect(db.$client.pragma('foreign_key_check')).toEqual([]);
	});

	it('is refused for the last administrator of an organisation, until there is another', async () => {
		const { db, organisation, admin, writer } = await organisationWithWriter();
		expect(checkAccountDeletion(db, admin.id)).toEqual({
			allowed: false,
			reason: 'last_admin',
			organisations: [organisation.name]
		});
		expect(deleteAccount(db, admin.id, 'ehemaliges Mitglied').allowed).toBe(false);
		expect(db.select().from(table.user).where(eq(table.user.id, admin.id)).get()).toBeDefined();

		addMember(db, organisation.id, writer.id, 'admin');
		expect(deleteAccount(db, admin.id, 'ehemaliges Mitglied')).toEqual({ allowed: true });
	});

	it('is refused for the last system administrator', async () => {
		const { db, writer } = await organisationWithWriter();
		db.update(table.user).set({ isSystemAdmin: true }).where(eq(table.user.id, writer.id)).run();
		expect(checkAccountDeletion(db, writer.id)).toEqual({
			allowed: false,
			reason: 'last_system_admin'
		});
	});
});
