import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AttachmentTarget } from '../../attachments';
import { adoptedSql } from '../concept/versions';
import type { Db } from '../db';
import * as table from '../db/schema';
import { storedFileName, titleFromFileName } from './file-name';
import { identifyFile, type FileRefusal } from './file-types';

/** An attachment as lists show it: everything but the bytes. */
const listed = {
	id: table.attachment.id,
	title: table.attachment.title,
	fileName: table.attachment.fileName,
	mediaType: table.attachment.mediaType,
	size: table.attachment.size,
	sha256: table.attachment.sha256,
	isPublic: table.attachment.isPublic,
	uploadedByName: table.attachment.uploadedByName,
	createdAt: table.attachment.createdAt
};

export type ListedAttachment = Pick<table.Attachment, keyof typeof listed>;

/** The rows of one target: its own column set, the others (and for the process, all) empty. */
function ofTarget(processId: number, target: AttachmentTarget): SQL {
	const { conceptVersionId, measureId, eventId } = table.attachment;
	const columns = { version: conceptVersionId, measure: measureId, event: eventId };
	return and(
		eq(table.attachment.processId, processId),
		...Object.entries(columns).map(([kind, column]) =>
			target.kind === kind && 'id' in target ? eq(column, target.id) : isNull(column)
		)
	)!;
}

/** Whether the version, measure or event exists in the process (the process itself always does). */
function targetExists(db: Db, processId: number, target: AttachmentTarget): boolean {
	const parent = {
		process: null,
		version: table.conceptVersion,
		measure: table.measure,
		event: table.event
	}[target.kind];
	if (!parent || !('id' in target)) return true;
	return !!db
		.select({ id: parent.id })
		.from(parent)
		.where(and(eq(parent.id, target.id), eq(parent.processId, processId)))
		.get();
}

export function listAttachments(
	db: Db,
	processId: number,
	target: AttachmentTarget
): ListedAttachment[] {
	return db
		.select(listed)
		.from(table.attachment)
		.where(ofTarget(processId, target))
		.orderBy(desc(table.attachment.createdAt), desc(table.attachment.id))
		.all();
}

export interface NewAttachment {
	/** Empty: the file's name without its extension. */
	title: string;
	fileName: string;
	content: Uint8Array;
	isPublic: boolean;
}

export type AttachmentAdded =
	{ ok: true; attachment: ListedAttachment } | { ok: false; reason: FileRefusal | 'not_found' };

/** Keeps a file if it is one of the kinds taken (by its content), under its cleaned name. */
export function addAttachment(
	db: Db,
	processId: number,
	target: AttachmentTarget,
	input: NewAttachment,
	uploader: { id: number | null; name: string }
): AttachmentAdded {
	const identity = identifyFile(input.content, input.fileName);
	if (!identity.ok) return { ok: false, reason: identity.reason };
	if (!targetExists(db, processId, target)) return { ok: false, reason: 'not_found' };
	const fileName = storedFileName(input.fileName, identity.kind);
	const attachment = db
		.insert(table.attachment)
		.values({
			processId,
			conceptVersionId: target.kind === 'version' ? target.id : null,
			measureId: target.kind === 'measure' ? target.id : null,
			eventId: target.kind === 'event' ? target.id : null,
			title: input.title || titleFromFileName(fileName),
			fileName,
			mediaType: identity.mediaType,
			size: input.content.length,
			sha256: createHash('sha256').update(input.content).digest('hex'),
			content: Buffer.from(input.content.buffer, input.content.byteOffset, input.content.length),
			isPublic: input.isPublic,
			uploadedBy: uploader.id,
			uploadedByName: uploader.name
		})
		.returning(listed)
		.get();
	return { ok: true, attachment };
}

/** An attachment of the process with its bytes, for the download. */
export function attachmentFile(db: Db, processId: number, attachmentId: number) {
	return db
		.select()
		.from(table.attachment)
		.where(and(eq(table.attachment.id, attachmentId), eq(table.attachment.processId, processId)))
		.get();
}

/**
 * SQL: the attachment's target is public too. A file marked public on an internal event, an
 * archived measure or a version the council has not adopted stays internal.
 */
const targetIsPublic = sql`(${table.attachment.eventId} is null or exists (select 1 from ${table.event}
		where ${table.event.id} = ${table.attachment.eventId} and ${table.event.isPublic} = 1
			and ${table.event.archivedAt} is null))
	and (${table.attachment.measureId} is null or exists (select 1 from ${table.measure}
		where ${table.measure.id} = ${table.attachment.measureId} and ${table.measure.archivedAt} is null))
	and (${table.attachment.conceptVersionId} is null or ${adoptedSql(table.attachment.conceptVersionId)})`;

/** A public attachment of the process with its bytes; the caller checks that the process is public. */
export function publicAttachmentFile(db: Db, processId: number, attachmentId: number) {
	return db
		.select()
		.from(table.attachment)
		.where(
			and(
				eq(table.attachment.id, attachmentId),
				eq(table.attachment.processId, processId),
				eq(table.attachment.isPublic, true),
				targetIsPublic
			)
		)
		.get();
}

/** The public attachments of a process (of any target), newest first, without their bytes. */
export function listPublicAttachments(db: Db, processId: number): ListedAttachment[] {
	return db
		.select(listed)
		.from(table.attachment)
		.where(
			and(
				eq(table.attachment.processId, processId),
				eq(table.attachment.isPublic, true),
				targetIsPublic
			)
		)
		.orderBy(desc(table.attachment.createdAt), desc(table.attachment.id))
		.all();
}

export function findAttachment(
	db: Db,
	processId: number,
	target: AttachmentTarget,
	attachmentId: number
): ListedAttachment | undefined {
	return db
		.select(listed)
		.from(table.attachment)
		.where(and(eq(table.attachment.id, attachmentId), ofTarget(processId, target)))
		.get();
}

/** Whether the attachment belongs to an adopted concept version: the council decided on it. */
function isOfAdoptedVersion(db: Db, attachmentId: number): boolean {
	return !!db
		.select({ id: table.attachment.id })
		.from(table.attachment)
		.innerJoin(table.conceptVersion, eq(table.conceptVersion.id, table.attachment.conceptVersionId))
		.where(and(eq(table.attachment.id, attachmentId), adoptedSql(table.conceptVersion.id)))
		.get();
}

/** Whether the target is an adopted concept version, whose files are kept. */
export function isTargetLocked(db: Db, processId: number, target: AttachmentTarget): boolean {
	if (target.kind !== 'version') return false;
	return !!db
		.select({ id: table.conceptVersion.id })
		.from(table.conceptVersion)
		.where(
			and(
				eq(table.conceptVersion.id, target.id),
				eq(table.conceptVersion.processId, processId),
				adoptedSql(table.conceptVersion.id)
			)
		)
		.get();
}

export type AttachmentDeleted = { ok: true } | { ok: false; reason: 'not_found' | 'adopted' };

/** Deletes an attachment of the target, unless it belongs to an adopted concept version. */
export function deleteAttachment(
	db: Db,
	processId: number,
	target: AttachmentTarget,
	attachmentId: number
): AttachmentDeleted {
	if (!findAttachment(db, processId, target, attachmentId))
		return { ok: false, reason: 'not_found' };
	if (isOfAdoptedVersion(db, attachmentId)) return { ok: false, reason: 'adopted' };
	db.delete(table.attachment).where(eq(table.attachment.id, attachmentId)).run();
	return { ok: true };
}
