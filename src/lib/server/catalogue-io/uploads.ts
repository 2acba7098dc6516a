import { createHash } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';

/** How long an upload waits for its import. */
const keptForMs = 60 * 60 * 1000;

/** Keeps an uploaded file for its dry run and import; drops every expired one on the way. */
export function storeUpload(
	db: Db,
	processId: number,
	userId: number,
	file: { name: string; content: Uint8Array },
	now = new Date()
): table.ImportUpload {
	return db.transaction((tx) => {
		tx.delete(table.importUpload).where(lt(table.importUpload.expiresAt, now)).run();
		return tx
			.insert(table.importUpload)
			.values({
				processId,
				userId,
				fileName: file.name.slice(0, 200),
				sha256: createHash('sha256').update(file.content).digest('hex'),
				content: Buffer.from(file.content),
				expiresAt: new Date(now.getTime() + keptForMs)
			})
			.returning()
			.get();
	});
}

/** The upload, if it is this person's, for this process, and not expired. */
export function findUpload(
	db: Db,
	processId: number,
	userId: number,
	uploadId: number,
	now = new Date()
) {
	return db
		.select()
		.from(table.importUpload)
		.where(
			and(
				eq(table.importUpload.id, uploadId),
				eq(table.importUpload.processId, processId),
				eq(table.importUpload.userId, userId),
				gt(table.importUpload.expiresAt, now)
			)
		)
		.get();
}

export function dropUpload(db: Db, uploadId: number) {
	db.delete(table.importUpload).where(eq(table.importUpload.id, uploadId)).run();
}
