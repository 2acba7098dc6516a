import type { Db } from '../db';
import * as table from '../db/schema';
import { hasAnyUser, insertUser, prepareUser, type NewUser } from '../auth/users';
import { addMember, createOrganisation, type NewOrganisation } from './organisations';

export type SetupResult =
	| { ok: true; user: table.User; organisation: table.Organisation }
	| { ok: false; reason: 'already_set_up' | 'email_taken' };

/**
 * The first account of an install: a system administrator (who may add organisations) and the
 * administrator of the first organisation. Refused once any account exists.
 */
export async function createFirstAdministrator(
	db: Db,
	input: {
		user: Omit<NewUser, 'isSystemAdmin'>;
		organisation: NewOrganisation;
	}
): Promise<SetupResult> {
	if (hasAnyUser(db)) return { ok: false, reason: 'already_set_up' };
	const values = await prepareUser({ ...input.user, isSystemAdmin: true });
	return db.transaction((tx) => {
		if (hasAnyUser(tx)) return { ok: false, reason: 'already_set_up' } as const;
		const created = insertUser(tx, values);
		if (!created.ok) return created;
		const organisation = createOrganisation(tx, input.organisation);
		addMember(tx, organisation.id, created.user.id, 'admin');
		return { ok: true, user: created.user, organisation } as const;
	});
}
