import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb, createTestOrganisation } from '../../../../tests/factories';
import { captionsSample, mp4Sample, webmSample } from '../../../../tests/sign-video-samples';
import * as table from '../db/schema';
import {
	publicSignVideo,
	removeSignVideo,
	saveSignVideo,
	signVideoBytes,
	signVideoChunkBytes,
	signVideoStream
} from './sign-video';

const chunk = signVideoChunkBytes;
const maxBytes = 10 * chunk;
const by = { id: null, name: 'Test' };

function arrange(video: Uint8Array, captions: Uint8Array | null = null) {
	const db = createTestDb();
	const organisation = createTestOrganisation(db, 'Stadt Stückelhausen');
	expect(saveSignVideo(db, organisation.id, { video, captions, maxBytes }, by).ok).toBe(true);
	const row = publicSignVideo(db, organisation.slug)!;
	return { db, organisation, row };
}

/** Byte for byte, without a deep comparison of millions of numbers. */
function expectSame(actual: Uint8Array, expected: Uint8Array, label?: string) {
	expect(actual.length, label).toBe(expected.length);
	expect(Buffer.from(actual).equals(Buffer.from(expected)), label).toBe(true);
}

const chunksOf = (db: ReturnType<typeof createTestDb>, videoId: number) =>
	db
		.select()
		.from(table.signVideoChunk)
		.where(eq(table.signVideoChunk.videoId, videoId))
		.orderBy(table.signVideoChunk.seq)
		.all();

async function readAll(stream: ReadableStream<Uint8Array>) {
	const parts: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
	}
	return { parts, bytes: new Uint8Array(Buffer.concat(parts)) };
}

describe('the sign-language video in pieces', () => {
	it('is kept in pieces of 1 MiB, the last one shorter', () => {
		const video = mp4Sample(2 * chunk + 1000);
		const { db, row } = arrange(video);
		const pieces = chunksOf(db, row.id);
		expect(pieces.map((p) => [p.seq, p.bytes.length])).toEqual([
			[0, chunk],
			[1, chunk],
			[2, 1000]
		]);
		expect(row.size).toBe(video.length);
	});

	it('reads a range across a boundary between pieces, byte for byte', () => {
		const video = mp4Sample(3 * chunk + 17);
		const { db, row } = arrange(video);
		for (const [start, length] of [
			[chunk - 10, 20],
			[0, 1],
			[chunk, chunk],
			[chunk - 1, chunk + 2],
			[100, 3 * chunk],
			[3 * chunk, 17],
			[video.length - 5, 5]
		] as const) {
			expectSame(
				signVideoBytes(db, row.id, start, length),
				video.subarray(start, start + length),
				`${start}+${length}`
			);
		}
	});

	it('streams the whole video, one piece per pull', async () => {
		const video = mp4Sample(2 * chunk + 333);
		const { db, row } = arrange(video);
		const { parts, bytes } = await readAll(signVideoStream(db, row.id, row.size));
		expect(parts.map((p) => p.length)).toEqual([chunk, chunk, 333]);
		expectSame(bytes, video);
	});

	it('replaces the row and its pieces, so that no reader mixes two videos', async () => {
		const video = mp4Sample(2 * chunk + 5);
		const { db, organisation, row } = arrange(video, captionsSample);
		const stream = signVideoStream(db, row.id, row.size).getReader();
		expect((await stream.read()).value?.length).toBe(chunk);
		const webm = webmSample(chunk + 7);
		expect(
			saveSignVideo(db, organisation.id, { video: webm, captions: null, maxBytes }, by)
		).toEqual({ ok: true, replaced: true });
		const replaced = publicSignVideo(db, organisation.slug)!;
		expect(replaced.id).not.toBe(row.id);
		expect(chunksOf(db, row.id)).toEqual([]);
		expect(signVideoBytes(db, row.id, 0, 10)).toEqual(new Uint8Array(0));
		await expect(stream.read()).rejects.toThrow(/changed/);
		expectSame(signVideoBytes(db, replaced.id, chunk, 7), webm.subarray(chunk));

		expect(removeSignVideo(db, organisation.id)).toBe(true);
		expect(db.select().from(table.signVideoChunk).all()).toEqual([]);
	});

	it('keeps captions for the video there is without touching its pieces', () => {
		const video = mp4Sample(chunk + 1);
		const { db, organisation, row } = arrange(video);
		const saved = saveSignVideo(
			db,
			organisation.id,
			{ video: null, captions: captionsSample, maxBytes },
			by
		);
		expect(saved).toEqual({ ok: true, replaced: true });
		expect(publicSignVideo(db, organisation.slug)!.id).toBe(row.id);
		expectSame(signVideoBytes(db, row.id, 0, video.length), video);
	});
});
