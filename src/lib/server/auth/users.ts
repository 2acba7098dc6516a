import { count, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { hashPassword } from './password';

export interface NewUser {
	email: string;
	name: string;
	password: string;
	isSystemAdmin?: boolean;
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function findUserByEmail(db: DbOrTx, email: string) {
	return db
		.select()
		.from(table.user)
		.where(eq(table.user.email, normaliseEmail(email)))
		.get();
}

export function hasAnyUser(db: DbOrTx): boolean {
	const row = db.select({ users: count() }).from(table.user).get();
	return (row?.users ?? 0) > 0;
}

export type CreateUserResult =
	{ ok: true; user: table.User } | { ok: false; reason: 'email_taken' };

/**
 * Hashes outside any transaction (it is slow and async); `insert` runs inside the caller's
 * synchronous transaction when one is needed.
 */
export async function prepareUser(input: NewUser) {
	const passwordHash = await hashPassword(input.password);
	return {
		email: normaliseEmail(input.email),
		name: input.name.trim(),
		passwordHash,
		isSystemAdmin: input.isSystemAdmin ?? false
	} satisfies typeof table.user.$inferInsert;
}

export function insertUser(
	db: DbOrTx,
	values: Awaited<ReturnType<typeof prepareUser>>
): CreateUserResult {
	if (findUserByEmail(db, values.email)) return { ok: false, reason: 'email_taken' };
	const user = db.insert(table.user).values(values).returning().get();
	return { ok: true, user };
}

export async function createUser(db: Db, input: NewUser): Promise<CreateUserResult> {
	const values = await prepareUser(input);
	return insertUser(db, values);
}

export async function changePassword(db: Db, userId: number, password: string) {
	const passwordHash = await hashPassword(password);
	db.update(table.user).set({ passwordHash }).where(eq(table.user.id, userId)).run();
}
