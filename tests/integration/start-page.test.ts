/**
 * An organisation's public start page and its video in Deutsche Gebärdensprache: the upload's
 * edge (types by content, sizes, captions, who may), replacing and removing, and the video's
 * answers to the Range requests browsers send when seeking.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '../../src/lib/server/db/schema';
import { removeSignVideo, saveSignVideo } from '../../src/lib/server/sign-video/sign-video';
import { createTestOrganisation, createMember, testPassword } from '../factories';
import { captionsSample, exeSample, mp4Sample, webmSample } from '../sign-video-samples';
import { seedProcess, type ProcessFixture } from './process-fixture';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
let slug: string;
let otherSlug: string;
let organisationId: number;
/** The organisation whose video the tests store, replace and remove; each test arranges its own. */
let videoSlug: string;
let videoOrganisationId: number;
let publicProcess: ProcessFixture;
let privateProcess: ProcessFixture;
const emails = { admin: '', steering: '', otherAdmin: '', videoAdmin: '', videoSteering: '' };

const oneMegabyte = 1024 * 1024;

beforeAll(async () => {
	server = await startServer({
		// A low limit, so that "too large" needs no 200 MB upload.
		env: { SIGN_VIDEO_MAX_MB: '1' },
		seed: async (db) => {
			const organisation = createTestOrganisation(db, 'Landkreis Gebärdenhausen');
			slug = organisation.slug;
			organisationId = organisation.id;
			db.update(table.organisation)
				.set({ email: 'barrierefrei@gebaerdenhausen.example' })
				.where(eq(table.organisation.id, organisation.id))
				.run();
			const admin = await createMember(db, organisation.id, 'admin');
			emails.admin = admin.email;
			emails.steering = (await createMember(db, organisation.id, 'steering_member')).email;
			publicProcess = seedProcess(db, organisation, admin, (what) => `${what} öffentlich`);
			privateProcess = seedProcess(db, organisation, admin, (what) => `${what} intern`);
			db.update(table.process)
				.set({ isPublic: false })
				.where(eq(table.process.id, privateProcess.process.id))
				.run();
			const withVideo = createTestOrganisation(db, 'Stadt Videohausen');
			videoSlug = withVideo.slug;
			videoOrganisationId = withVideo.id;
			emails.videoAdmin = (await createMember(db, withVideo.id, 'admin')).email;
			emails.videoSteering = (await createMember(db, withVideo.id, 'steering_member')).email;
			const other = createTestOrganisation(db, 'Stadt Nebenan');
			otherSlug = other.slug;
			emails.otherAdmin = (await createMember(db, other.id, 'admin')).email;
		}
	});
});

afterAll(() => server?.stop());

async function signIn(email: string) {
	const visitor = new Visitor(server.url);
	expect((await visitor.login(email, testPassword)).status).toBe(303);
	return visitor;
}

const settings = (org = slug) => `/o/${org}/legal`;
const videoPath = (org = videoSlug) => `/beteiligung/${org}/gebaerdensprache.video`;

const storedVideo = (id = organisationId) =>
	server.db().select().from(table.signVideo).where(eq(table.signVideo.organisationId, id)).get();

/** Puts a video (and captions) in place for the video organisation, as an upload would. */
function arrangeVideo(video: Uint8Array | null, captions: Uint8Array | null = null) {
	removeSignVideo(server.db(), videoOrganisationId);
	if (video) {
		const saved = saveSignVideo(
			server.db(),
			videoOrganisationId,
			{ video, captions, maxBytes: oneMegabyte },
			{ id: null, name: 'Test' }
		);
		expect(saved.ok).toBe(true);
	}
}

const auditEntries = () =>
	server.db().select().from(table.auditLog).where(eq(table.auditLog.tableName, 'sign_video')).all();

/** A multipart post with a video and, if given, captions, the way the settings form sends them. */
async function uploadVideo(
	visitor: Visitor,
	video: { name: string; content: Uint8Array } | null,
	captions?: { name: string; content: Uint8Array },
	fields: Record<string, string> = {},
	org = slug
) {
	return visitor.uploadFiles(
		`${settings(org)}?/uploadSignVideo`,
		{ ...(video ? { video } : {}), ...(captions ? { captions } : {}) },
		fields
	);
}

function get(path: string, headers: Record<string, string> = {}) {
	return fetch(server.url + path, { headers, redirect: 'manual' });
}

describe('the start page', () => {
	it('explains the site, lists only public processes and links the accessibility statement', async () => {
		const page = await new Visitor(server.url).get(`/beteiligung/${slug}`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Landkreis Gebärdenhausen');
		expect(page.body).toContain('So machen Sie mit');
		expect(page.body).toContain(publicProcess.process.title);
		expect(page.body).not.toContain(privateProcess.process.title);
		expect(page.body).toContain(`beteiligung/${slug}/barrierefreiheit"`);
		expect(page.body).toContain('href="mailto:barrierefrei@gebaerdenhausen.example"');
		expect(page.body).toMatch(/action="[./]*\/?mitmachen"/);
		// No video yet: no slot for one.
		expect(page.body).not.toContain('Deutscher Gebärdensprache');
		expect(page.body).not.toContain('<video');
	});

	it('speaks the visitor’s language and Leichte Sprache', async () => {
		const arabic = await new Visitor(server.url, 'ar').get(`/beteiligung/${slug}`);
		expect(arabic.body).toContain('dir="rtl"');
		expect(arabic.body).toContain('كيف تشاركون');
		const easy = new Visitor(server.url);
		await easy.post('/language', { locale: 'de-x-ls', redirectTo: `/beteiligung/${slug}` });
		const page = await easy.get(`/beteiligung/${slug}`);
		expect(page.body).toContain('Der Plan heißt Integrations·konzept.');
	});

	it('answers an unknown organisation with 404 in the visitor’s language', async () => {
		const german = await new Visitor(server.url).get('/beteiligung/gibt-es-nicht');
		expect(german.status).toBe(404);
		const turkish = await new Visitor(server.url, 'tr').get('/beteiligung/gibt-es-nicht');
		expect(turkish.status).toBe(404);
		expect(turkish.body).toContain('lang="tr"');
		expect(turkish.body).not.toEqual(german.body);
	});

	it('is linked from the process and legal pages and from /', async () => {
		const link = new RegExp(`href="[./]*/?beteiligung/${slug}"`);
		const visitor = new Visitor(server.url);
		expect((await visitor.get(`/beteiligung/${slug}/${publicProcess.process.slug}`)).body).toMatch(
			link
		);
		expect((await visitor.get(`/beteiligung/${slug}/impressum`)).body).toMatch(link);
		expect((await visitor.get('/')).body).toMatch(link);
	});
});

describe('uploading the sign-language video', () => {
	it('is only for the organisation’s administrators', async () => {
		const video = { name: 'dgs.mp4', content: mp4Sample() };
		const anonymous = await uploadVideo(new Visitor(server.url), video);
		expect(anonymous.status).toBe(303);
		expect(anonymous.location).toMatch(/^\/login/);
		expect((await uploadVideo(await signIn(emails.steering), video)).status).toBe(403);
		// Another organisation's administrator: as if the organisation did not exist.
		expect((await uploadVideo(await signIn(emails.otherAdmin), video)).status).toBe(404);
		// And an administrator here cannot reach the other organisation's settings.
		expect(
			(await uploadVideo(await signIn(emails.admin), video, undefined, {}, otherSlug)).status
		).toBe(404);
		expect(storedVideo()).toBeUndefined();
	});

	it('refuses what is no video, by content, with a translated message and nothing stored', async () => {
		const admin = await signIn(emails.admin);
		const cases: [{ name: string; content: Uint8Array }, string][] = [
			[{ name: 'programm.mp4', content: exeSample }, 'kein MP4- oder WebM-Video'],
			[{ name: 'brief.webm', content: new TextEncoder().encode('%PDF-1.7\n') }, 'kein MP4-'],
			[{ name: 'leer.mp4', content: new Uint8Array() }, 'Die Videodatei ist leer.'],
			[{ name: 'lang.mp4', content: mp4Sample(oneMegabyte + 1) }, 'größer als 1 MB']
		];
		for (const [video, message] of cases) {
			const reply = await uploadVideo(admin, video);
			expect(reply.status, video.name).toBe(400);
			expect(reply.body, video.name).toContain(message);
		}
		const english = new Visitor(server.url, 'en');
		await english.login(emails.admin, testPassword);
		const refused = await uploadVideo(english, { name: 'x.mp4', content: exeSample });
		expect(refused.body).toContain('This file is no MP4 or WebM video.');
		const nothing = await uploadVideo(admin, null);
		expect(nothing.status).toBe(400);
		expect(nothing.body).toContain('Bitte wählen Sie ein Video aus');
		expect(storedVideo()).toBeUndefined();
	});

	it('checks that captions are WebVTT, and keeps nothing when they are not', async () => {
		const admin = await signIn(emails.admin);
		const video = { name: 'dgs.mp4', content: mp4Sample() };
		const srt = new TextEncoder().encode('1\n00:00:00,000 --> 00:00:02,000\nHallo\n');
		const reply = await uploadVideo(admin, video, { name: 'untertitel.vtt', content: srt });
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('keine WebVTT-Datei');
		const empty = await uploadVideo(admin, video, { name: 'leer.vtt', content: new Uint8Array() });
		expect(empty.status).toBe(400);
		expect(empty.body).toContain('Die Untertiteldatei ist leer.');
		expect(storedVideo()).toBeUndefined();
	});
});

describe('the stored video', () => {
	const video = mp4Sample(10_000);

	it('is kept with its type from the content, shown on the start page and logged', async () => {
		arrangeVideo(null);
		const before = auditEntries().length;
		const admin = await signIn(emails.videoAdmin);
		const reply = await uploadVideo(
			admin,
			{ name: 'begruessung.mp4', content: video },
			{ name: 'begruessung.vtt', content: captionsSample },
			{},
			videoSlug
		);
		expect(reply.status).toBe(200);
		expect(reply.body).toContain('Das Video ist gespeichert.');
		const stored = storedVideo(videoOrganisationId)!;
		expect(stored.mediaType).toBe('video/mp4');
		expect(stored.size).toBe(video.length);
		expect(stored.sha256).toBe(createHash('sha256').update(video).digest('hex'));
		const logged = auditEntries().slice(before);
		expect(logged.map((entry) => entry.operation)).toEqual(['insert']);
		expect(logged[0]!.organisationId).toBe(videoOrganisationId);
		// The log names the file, never its bytes.
		expect(logged[0]!.after).not.toContain('"content"');

		const page = await new Visitor(server.url).get(`/beteiligung/${videoSlug}`);
		expect(page.body).toContain('Informationen in Deutscher Gebärdensprache');
		expect(page.body).toMatch(/<video[^>]*controls[^>]*preload="none"/);
		expect(page.body).toContain(`beteiligung/${videoSlug}/gebaerdensprache.video?v=`);
		expect(page.body).toContain('type="video/mp4"');
		expect(page.body).toMatch(/<track[^>]*kind="captions"[^>]*srclang="de"/);
		const captions = await get(`/beteiligung/${videoSlug}/gebaerdensprache.vtt`);
		expect(captions.status).toBe(200);
		expect(captions.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
		expect(new Uint8Array(await captions.arrayBuffer())).toEqual(captionsSample);
	});

	it('is served whole, or one range at a time for seeking', async () => {
		arrangeVideo(video);
		const whole = await get(videoPath());
		expect(whole.status).toBe(200);
		expect(whole.headers.get('content-type')).toBe('video/mp4');
		expect(whole.headers.get('accept-ranges')).toBe('bytes');
		expect(whole.headers.get('content-length')).toBe(String(video.length));
		expect(new Uint8Array(await whole.arrayBuffer())).toEqual(video);

		const part = await get(videoPath(), { range: 'bytes=100-199' });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 100-199/${video.length}`);
		expect(part.headers.get('content-length')).toBe('100');
		expect(new Uint8Array(await part.arrayBuffer())).toEqual(video.subarray(100, 200));

		const open = await get(videoPath(), { range: 'bytes=9990-' });
		expect(open.status).toBe(206);
		expect(open.headers.get('content-range')).toBe(`bytes 9990-9999/${video.length}`);
		expect(new Uint8Array(await open.arrayBuffer())).toEqual(video.subarray(9990));

		const suffix = await get(videoPath(), { range: 'bytes=-4' });
		expect(suffix.status).toBe(206);
		expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(video.subarray(-4));
	});

	it('reads a large video in pieces: ranges across pieces, at most 2 MiB a range, streamed whole', async () => {
		// Three and a half pieces of 1 MiB, stored as an upload would (past the test server's limit).
		const large = mp4Sample(3.5 * oneMegabyte);
		removeSignVideo(server.db(), videoOrganisationId);
		const saved = saveSignVideo(
			server.db(),
			videoOrganisationId,
			{ video: large, captions: null, maxBytes: 4 * oneMegabyte },
			{ id: null, name: 'Test' }
		);
		expect(saved.ok).toBe(true);
		const same = (actual: Uint8Array, expected: Uint8Array) =>
			actual.length === expected.length && Buffer.from(actual).equals(Buffer.from(expected));

		const across = await get(videoPath(), {
			range: `bytes=${oneMegabyte - 100}-${2 * oneMegabyte + 99}`
		});
		expect(across.status).toBe(206);
		expect(across.headers.get('content-range')).toBe(
			`bytes ${oneMegabyte - 100}-${2 * oneMegabyte + 99}/${large.length}`
		);
		expect(across.headers.get('content-length')).toBe(String(oneMegabyte + 200));
		const acrossBytes = new Uint8Array(await across.arrayBuffer());
		expect(same(acrossBytes, large.subarray(oneMegabyte - 100, 2 * oneMegabyte + 100))).toBe(true);

		// An open range, as browsers start, gets 2 MiB and says so; so does a longer one.
		for (const [range, start] of [
			['bytes=0-', 0],
			[`bytes=100-${large.length - 1}`, 100],
			[`bytes=-${3 * oneMegabyte}`, large.length - 3 * oneMegabyte]
		] as const) {
			const open = await get(videoPath(), { range });
			expect(open.status, range).toBe(206);
			const end = start + 2 * oneMegabyte - 1;
			expect(open.headers.get('content-range'), range).toBe(
				`bytes ${start}-${end}/${large.length}`
			);
			expect(open.headers.get('content-length'), range).toBe(String(2 * oneMegabyte));
			const openBytes = new Uint8Array(await open.arrayBuffer());
			expect(same(openBytes, large.subarray(start, end + 1)), range).toBe(true);
		}

		const whole = await get(videoPath());
		expect(whole.status).toBe(200);
		expect(whole.headers.get('content-length')).toBe(String(large.length));
		expect(whole.headers.get('content-range')).toBeNull();
		expect(same(new Uint8Array(await whole.arrayBuffer()), large)).toBe(true);

		const head = await fetch(server.url + videoPath(), { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe(String(large.length));
		expect(head.headers.get('content-type')).toBe('video/mp4');
		expect(head.headers.get('etag')).toBe(`"${createHash('sha256').update(large).digest('hex')}"`);
		expect((await head.arrayBuffer()).byteLength).toBe(0);
		const headPart = await fetch(server.url + videoPath(), {
			method: 'HEAD',
			headers: { range: 'bytes=0-' }
		});
		expect(headPart.status).toBe(206);
		expect(headPart.headers.get('content-range')).toBe(
			`bytes 0-${2 * oneMegabyte - 1}/${large.length}`
		);
		expect((await headPart.arrayBuffer()).byteLength).toBe(0);
		const headMissing = await fetch(server.url + videoPath(otherSlug), { method: 'HEAD' });
		expect(headMissing.status).toBe(404);

		// Watching again costs no data; a range of an older video brings the whole new one.
		const etag = whole.headers.get('etag')!;
		const again = await get(videoPath(), { 'if-none-match': `"other", ${etag}` });
		expect(again.status).toBe(304);
		expect((await again.arrayBuffer()).byteLength).toBe(0);
		expect((await get(videoPath(), { 'if-none-match': '"other"' })).status).toBe(200);
		const current = await get(videoPath(), { range: 'bytes=0-9', 'if-range': etag });
		expect(current.status).toBe(206);
		const replaced = await get(videoPath(), { range: 'bytes=0-9', 'if-range': '"older"' });
		expect(replaced.status).toBe(200);
		expect(replaced.headers.get('content-length')).toBe(String(large.length));
		expect(same(new Uint8Array(await replaced.arrayBuffer()), large)).toBe(true);
	});

	it('answers nonsense ranges with 416, and unknown videos with 404', async () => {
		arrangeVideo(video);
		for (const range of [
			'bytes=10000-',
			'bytes=50-10',
			'bytes=abc',
			'pages=1-2',
			'bytes=0-1,4-5'
		]) {
			const reply = await get(videoPath(), { range });
			expect(reply.status, range).toBe(416);
			expect(reply.headers.get('content-range'), range).toBe(`bytes */${video.length}`);
			await reply.arrayBuffer();
		}
		expect((await get(videoPath(otherSlug))).status).toBe(404);
		expect((await get('/beteiligung/gibt-es-nicht/gebaerdensprache.video')).status).toBe(404);
	});

	it('is replaced only when the administrator ticks the box', async () => {
		arrangeVideo(video, captionsSample);
		const admin = await signIn(emails.videoAdmin);
		const webm = { name: 'neu.webm', content: webmSample() };
		const unconfirmed = await uploadVideo(admin, webm, undefined, {}, videoSlug);
		expect(unconfirmed.status).toBe(409);
		expect(unconfirmed.body).toContain('Es gibt schon ein Video.');
		expect(storedVideo(videoOrganisationId)!.mediaType).toBe('video/mp4');
		const replaced = await uploadVideo(admin, webm, undefined, { replace: 'on' }, videoSlug);
		expect(replaced.status).toBe(200);
		expect(replaced.body).toContain('Das Video ist ersetzt.');
		const stored = storedVideo(videoOrganisationId)!;
		expect(stored.mediaType).toBe('video/webm');
		// The old captions belonged to the old video.
		expect(stored.captions).toBeNull();
		expect((await get(`/beteiligung/${videoSlug}/gebaerdensprache.vtt`)).status).toBe(404);
		expect((await get(videoPath())).headers.get('content-type')).toBe('video/webm');
		// Captions alone go to the video there is.
		const captions = await uploadVideo(
			admin,
			null,
			{ name: 'neu.vtt', content: captionsSample },
			{},
			videoSlug
		);
		expect(captions.status).toBe(200);
		expect(captions.body).toContain('Die Untertitel sind gespeichert.');
		expect(storedVideo(videoOrganisationId)!.captions).not.toBeNull();
		expect(storedVideo(videoOrganisationId)!.mediaType).toBe('video/webm');
	});

	it('is removed after a confirmation, and the slot disappears', async () => {
		arrangeVideo(video);
		const settingsPath = `${settings(videoSlug)}?/removeSignVideo`;
		const steering = await signIn(emails.videoSteering);
		expect((await steering.post(settingsPath, { confirmed: 'on' })).status).toBe(403);
		const admin = await signIn(emails.videoAdmin);
		const asked = await admin.post(settingsPath);
		expect(asked.status).toBe(409);
		expect(asked.body).toContain('Das Video in Gebärdensprache und seine Untertitel entfernen?');
		expect(storedVideo(videoOrganisationId)).toBeDefined();
		const before = auditEntries().length;
		const removed = await admin.post(settingsPath, { confirmed: 'on' });
		expect(removed.status).toBe(200);
		expect(removed.body).toContain('Das Video ist entfernt.');
		expect(storedVideo(videoOrganisationId)).toBeUndefined();
		expect(
			auditEntries()
				.slice(before)
				.map((entry) => entry.operation)
		).toEqual(['delete']);
		expect((await get(videoPath())).status).toBe(404);
		const page = await new Visitor(server.url).get(`/beteiligung/${videoSlug}`);
		expect(page.body).not.toContain('<video');
		expect(page.body).not.toContain('Deutscher Gebärdensprache');
	});
});
