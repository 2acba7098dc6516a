import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import {
	checkCaptions,
	identifyVideo,
	type CaptionsRefusal,
	type VideoRefusal
} from './video-type';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/** The organisation's video as pages show it: everything but the bytes. */
export function signVideoOf(db: Db, organisationId: number) {
	return db
		.select({
			mediaType: table.signVideo.mediaType,
			size: table.signVideo.size,
			sha256: table.signVideo.sha256,
			captionsSha256: table.signVideo.captionsSha256,
			uploadedByName: table.signVideo.uploadedByName,
			createdAt: table.signVideo.createdAt
		})
		.from(table.signVideo)
		.where(eq(table.signVideo.organisationId, organisationId))
		.get();
}

export type SignVideoSaved =
	| { ok: true; replaced: boolean }
	| { ok: false; reason: VideoRefusal | CaptionsRefusal | 'no_video' };

/**
 * Keeps a new video (and its captions, or none), or new captions for the video there is.
 * Nothing is stored unless everything given is taken.
 */
export function saveSignVideo(
	db: Db,
	organisationId: number,
	input: { video: Uint8Array | null; captions: Uint8Array | null; maxBytes: number },
	uploader: { id: number | null; name: string }
): SignVideoSaved {
	const video = input.video ? identifyVideo(input.video, input.maxBytes) : null;
	if (video && !video.ok) return { ok: false, reason: video.reason };
	if (input.captions) {
		const captions = checkCaptions(input.captions);
		if (!captions.ok) return { ok: false, reason: captions.reason };
	}
	return db.transaction((tx) => {
		const existing = !!tx
			.select({ id: table.signVideo.organisationId })
			.from(table.signVideo)
			.where(eq(table.signVideo.organisationId, organisationId))
			.get();
		const captions = input.captions
			? { captions: buffer(input.captions), captionsSha256: sha256(input.captions) }
			: { captions: null, captionsSha256: null };
		const by = { uploadedBy: uploader.id, uploadedByName: uploader.name };
		if (input.video && video?.ok) {
			const values = {
				mediaType: video.mediaType,
				size: input.video.length,
				sha256: sha256(input.video),
				content: buffer(input.video),
				// New captions, or none: the old ones belong to the old video.
				...captions,
				...by,
				createdAt: new Date()
			};
			tx.insert(table.signVideo)
				.values({ organisationId, ...values })
				.onConflictDoUpdate({ target: table.signVideo.organisationId, set: values })
				.run();
			return { ok: true, replaced: existing };
		}
		if (!existing || !input.captions) return { ok: false, reason: 'no_video' };
		tx.update(table.signVideo)
			.set({ ...captions, ...by })
			.where(eq(table.signVideo.organisationId, organisationId))
			.run();
		return { ok: true, replaced: true };
	});
}

/** Removes the video and its captions; false if there was none. */
export function removeSignVideo(db: Db, organisationId: number): boolean {
	return (
		db.delete(table.signVideo).where(eq(table.signVideo.organisationId, organisationId)).run()
			.changes > 0
	);
}

/** The video's type, size and version of a public start page, without its bytes. */
export function publicSignVideo(db: Db, organisationSlug: string) {
	return db
		.select({
			organisationId: table.signVideo.organisationId,
			mediaType: table.signVideo.mediaType,
			size: table.signVideo.size,
			sha256: table.signVideo.sha256
		})
		.from(table.signVideo)
		.innerJoin(table.organisation, eq(table.organisation.id, table.signVideo.organisationId))
		.where(eq(table.organisation.slug, organisationSlug))
		.get();
}

/** `length` bytes of the video from `start` (0-based), read by SQLite without the rest. */
export function signVideoBytes(
	db: Db,
	organisationId: number,
	start: number,
	length: number
): Uint8Array<ArrayBuffer> {
	const row = db
		.select({ part: sql<Buffer>`substr(${table.signVideo.content}, ${start + 1}, ${length})` })
		.from(table.signVideo)
		.where(eq(table.signVideo.organisationId, organisationId))
		.get();
	// better-sqlite3's Buffer has an ArrayBuffer of its own; no copy of up to 200 MB.
	return row ? (row.part as Uint8Array<ArrayBuffer>) : new Uint8Array(0);
}

/** The captions of a public start page's video, if it has any. */
export function publicCaptions(db: Db, organisationSlug: string) {
	const row = db
		.select({ captions: table.signVideo.captions, sha256: table.signVideo.captionsSha256 })
		.from(table.signVideo)
		.innerJoin(table.organisation, eq(table.organisation.id, table.signVideo.organisationId))
		.where(eq(table.organisation.slug, organisationSlug))
		.get();
	return row?.captions && row.sha256 ? { captions: row.captions, sha256: row.sha256 } : undefined;
}
