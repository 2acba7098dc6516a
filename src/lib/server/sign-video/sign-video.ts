import { createHash } from 'node:crypto';
import { and, asc, between, eq } from 'drizzle-orm';
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

/** The video is kept in pieces of this size (the last one shorter): a range reads only its own. */
export const signVideoChunkBytes = 1024 * 1024;

/**
 * The most bytes one range is answered with: an open or longer range gets a shorter 206 whose
 * `Content-Range` says so, and the browser asks for the rest as it plays.
 */
export const signVideoMaxRangeBytes = 2 * signVideoChunkBytes;

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
		const existing = tx
			.select({ id: table.signVideo.id })
			.from(table.signVideo)
			.where(eq(table.signVideo.organisationId, organisationId))
			.get();
		const captions = input.captions
			? { captions: buffer(input.captions), captionsSha256: sha256(input.captions) }
			: { captions: null, captionsSha256: null };
		const by = { uploadedBy: uploader.id, uploadedByName: uploader.name };
		if (input.video && video?.ok) {
			// A new row with a new id (its pieces go with the old one): whoever still streams the
			// old video reads no piece of the new one.
			if (existing) tx.delete(table.signVideo).where(eq(table.signVideo.id, existing.id)).run();
			const row = tx
				.insert(table.signVideo)
				.values({
					organisationId,
					mediaType: video.mediaType,
					size: input.video.length,
					sha256: sha256(input.video),
					// New captions, or none: the old ones belong to the old video.
					...captions,
					...by,
					createdAt: new Date()
				})
				.returning({ id: table.signVideo.id })
				.get();
			for (let seq = 0; seq * signVideoChunkBytes < input.video.length; seq++) {
				const start = seq * signVideoChunkBytes;
				tx.insert(table.signVideoChunk)
					.values({
						videoId: row.id,
						seq,
						bytes: buffer(input.video.subarray(start, start + signVideoChunkBytes))
					})
					.run();
			}
			return { ok: true, replaced: !!existing };
		}
		if (!existing || !input.captions) return { ok: false, reason: 'no_video' };
		tx.update(table.signVideo)
			.set({ ...captions, ...by })
			.where(eq(table.signVideo.id, existing.id))
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
			id: table.signVideo.id,
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

/**
 * `length` bytes of the video row `videoId` from `start` (0-based), read from only the pieces
 * they lie in. Shorter (or empty) if that video is gone, e.g. replaced since its row was read.
 */
export function signVideoBytes(
	db: Db,
	videoId: number,
	start: number,
	length: number
): Uint8Array<ArrayBuffer> {
	if (length <= 0) return new Uint8Array(0);
	const first = Math.floor(start / signVideoChunkBytes);
	const last = Math.floor((start + length - 1) / signVideoChunkBytes);
	const chunks = db
		.select({ seq: table.signVideoChunk.seq, bytes: table.signVideoChunk.bytes })
		.from(table.signVideoChunk)
		.where(
			and(eq(table.signVideoChunk.videoId, videoId), between(table.signVideoChunk.seq, first, last))
		)
		.orderBy(asc(table.signVideoChunk.seq))
		.all();
	const out = new Uint8Array(length);
	let filled = 0;
	for (const chunk of chunks) {
		const offset = chunk.seq * signVideoChunkBytes;
		// Pieces must follow one another; a gap means the video is not what was asked for.
		if (offset > start + filled) break;
		const from = start + filled - offset;
		const part = chunk.bytes.subarray(from, Math.min(chunk.bytes.length, from + length - filled));
		out.set(part, filled);
		filled += part.length;
		if (filled === length) break;
	}
	return filled === length ? out : out.slice(0, filled);
}

/**
 * The whole video row `videoId` of `size` bytes as a stream: one piece per pull, each a small
 * query of its own, so neither the file sits in memory nor a long read blocks the server. If the
 * video is replaced or removed meanwhile, the stream fails rather than mixing two videos.
 */
export function signVideoStream(db: Db, videoId: number, size: number): ReadableStream<Uint8Array> {
	const count = Math.ceil(size / signVideoChunkBytes);
	let seq = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (seq >= count) {
				controller.close();
				return;
			}
			const chunk = db
				.select({ bytes: table.signVideoChunk.bytes })
				.from(table.signVideoChunk)
				.where(and(eq(table.signVideoChunk.videoId, videoId), eq(table.signVideoChunk.seq, seq)))
				.get();
			if (!chunk) {
				controller.error(new Error('The sign-language video changed while it was sent.'));
				return;
			}
			controller.enqueue(chunk.bytes);
			seq++;
			if (seq >= count) controller.close();
		}
	});
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
