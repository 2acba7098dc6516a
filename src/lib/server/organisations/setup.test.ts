import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/factories';
import { checkMembership } from './organisations';
import { createFirstAdministrator } from './setup';

const input = {
	user: { email: 'Admin@Landau.example ', name: 'Sozialamt', password: 'sehr-geheimes-passwort' },
	organisation: { name: 'Stadt Landau in der Pfalz', kind: 'stadt' as const }
};

describe('createFirstAdministrator', () => {
	it('creates a system administrator who administers the first organisation', async () => {
		const db = createTestDb();
		const result = await createFirstAdministrator(db, input);
		if (!result.ok) throw new Error(result.reason);
		expect(result.user.email).toBe('admin@landau.example');
		expect(result.user.isSystemAdmin).toBe(true);
		expect(result.organisation.slug).toBe('stadt-landau-in-der-pfalz');
		expect(
			checkMembership(db, result.user.id, result.organisation.slug, 'manageOrganisation').allowed
		).toBe(true);
	});

	it('works only once, even when two set-ups race', async () => {
		const db = createTestDb();
		const results = await Promise.all([
			createFirstAdministrator(db, input),
			createFirstAdministrator(db, {
				...input,
				user: { ...input.user, email: 'zweite@landau.example' }
			})
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'already_set_up' });
		expect(await createFirstAdministrator(db, input)).toEqual({
			ok: false,
			reason: 'already_set_up'
		});
	});
});
