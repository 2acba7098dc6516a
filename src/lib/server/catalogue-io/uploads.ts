import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';

/** How long an upload waits for its import. */
const keptForMs = 60 * 60 * 1000;

/** Where an upload goes: a process's catalogue, or (without a process) the organisation's members. */
export interface UploadScope {
	organisationId: number;
	processId: number | null;
	userId: number;
}

/** Keeps an uploaded file for its dry run and import; drops every expired one on the way. */
export function storeUpload(
	db: Db,
	scope: UploadScope,
	file: { name: string; content: Uint8Array },
	now = new Date()
): table.ImportUpload {
	return db.transaction((tx) => {
		tx.delete(table.importUpload).where(lt(table.importUpload.expiresAt, now)).run();
		return tx
			.insert(table.importUpload)
			.values({
				...scope,
				fileName: file.name.slice(0, 200),
				sha256: createHash('sha256').update(file.content).digest('hex'),
				content: Buffer.from(file.content),
				expiresAt: new Date(now.getTime() + keptForMs)
			})
			.returning()
			.get();
	});
}

/** The upload, if it is this person's, for this place, and not expired. */
export function findUpload(db: Db, scope: UploadScope, uploadId: number, now = new Date()) {
	return db
		.select()
		.from(table.importUpload)
		.where(
			and(
				eq(table.importUpload.id, uploadId),
				eq(table.importUpload.organisationId, scope.organisationId),
				scope.processId === null
					? isNull(table.importUpload.processId)
					: eq(table.importUpload.processId, scope.processId),
				eq(table.importUpload.userId, scope.userId),
				gt(table.importUpload.expiresAt, now)
			)
		)
		.get();
}

export function dropUpload(db: Db, uploadId: number) {
	db.delete(table.importUpload).where(eq(table.importUpload.id, uploadId)).run();
}
