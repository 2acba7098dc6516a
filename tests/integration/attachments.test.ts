import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as table from '../../src/lib/server/db/schema';
import { addStep } from '../../src/lib/server/council/steps';
import { addMember } from '../../src/lib/server/organisations/organisations';
import { acceptedSamples, pdfOfSize, refusedSamples } from '../attachment-samples';
import { councilStep, createTestOrganisation, createTestUser, testPassword } from '../factories';
import { seedProcess, type ProcessFixture } from './process-fixture';
import { startServer, Visitor, type TestServer } from './server';

let server: TestServer;
let own: ProcessFixture;
let adopted: ProcessFixture;
let foreign: ProcessFixture;
let slug: string;
let foreignSlug: string;
const emails = { admin: '', steering: '' };

beforeAll(async () => {
	server = await startServer({
		seed: async (db) => {
			const organisation = createTestOrganisation(db, 'Landkreis Anlagenhausen');
			slug = organisation.slug;
			const admin = await createTestUser(db, { name: 'Integrationsbeauftragte' });
			addMember(db, organisation.id, admin.id, 'admin');
			const steering = await createTestUser(db, { name: 'Steuerungsgruppe' });
			addMember(db, organisation.id, steering.id, 'steering_member');
			emails.admin = admin.email;
			emails.steering = steering.email;
			own = seedProcess(db, organisation, admin, (what) => `${what} eigen`);
			adopted = seedProcess(db, organisation, admin, (what) => `${what} beschlossen`);
			addStep(db, adopted.process.id, adopted.versionId, councilStep(), admin);
			const other = createTestOrganisation(db, 'Stadt Anderswo');
			foreignSlug = other.slug;
			const outsider = await createTestUser(db, { name: 'Fremd' });
			addMember(db, other.id, outsider.id, 'admin');
			foreign = seedProcess(db, other, outsider, (what) => `${what} fremd`);
		}
	});
});

afterAll(() => server?.stop());

async function signIn(email: string) {
	const visitor = new Visitor(server.url);
	expect((await visitor.login(email, testPassword)).status).toBe(303);
	return visitor;
}

const processPath = (fixture: ProcessFixture, org = slug) => `/o/${org}/p/${fixture.process.slug}`;

/**
 * The status of a post that declares a body of `length` bytes but sends only its start: a server
 * that refuses it answers without reading on (a client sending all of it may meet a closed socket).
 */
function declaredPost(path: string, length: number | null, cookie: string): Promise<number> {
	return new Promise((done, fail) => {
		const url = new URL(path, server.url);
		const sending = request(url, {
			method: 'POST',
			headers: {
				'content-type': 'multipart/form-data; boundary=x',
				// Without a length, Node sends the body chunked.
				...(length === null ? {} : { 'content-length': String(length) }),
				origin: server.url,
				cookie
			}
		});
		sending.on('response', (response) => {
			done(response.statusCode ?? 0);
			response.resume();
			sending.destroy();
		});
		sending.on('error', fail);
		sending.write('--x\r\n');
	});
}

const rows = () => server.db().select().from(table.attachment).all();

describe('attachments over HTTP', () => {
	it('takes every accepted kind and serves it back byte for byte, as a download', async () => {
		const admin = await signIn(emails.admin);
		const path = processPath(own);
		for (const sample of acceptedSamples) {
			const reply = await admin.upload(`${path}?/uploadAttachment`, sample, { title: '' });
			expect(reply.status, sample.name).toBe(200);
			expect(reply.body).toContain(`Datei „${sample.name}“ hochgeladen.`);
			const stored = rows().find((row) => row.fileName === sample.name)!;
			expect(stored.mediaType).toBe(sample.mediaType);
			const download = await admin.download(`${path}/anhaenge/${stored.id}`);
			expect(download.status).toBe(200);
			expect(Buffer.from(download.bytes).equals(Buffer.from(sample.content))).toBe(true);
			expect(download.headers.get('content-type')).toBe(sample.mediaType);
			expect(download.headers.get('content-disposition')).toBe(
				`attachment; filename="${sample.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(sample.name)}`
			);
			expect(download.headers.get('x-content-type-options')).toBe('nosniff');
			expect(download.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
		}
		const page = await admin.get(path);
		for (const sample of acceptedSamples) expect(page.body).toContain(sample.name);
	});

	it('refuses every other kind, empty and oversized files, with a reason', async () => {
		const admin = await signIn(emails.admin);
		const path = `${processPath(own)}?/uploadAttachment`;
		const before = rows().length;
		const reasons: Record<string, string> = {
			empty: 'Die Datei ist leer.',
			executable: 'Programme werden nicht angenommen.',
			markup: 'HTML-, SVG- und XML-Dateien werden nicht angenommen',
			mismatch: 'Der Inhalt der Datei passt nicht zu ihrem Namen („.docx“)',
			macros: 'Dateien mit Makros werden nicht angenommen.',
			other_zip: 'ZIP-Archive und andere gepackte Dateien',
			legacy_office: 'Alte Office-Formate (DOC, XLS)',
			unknown: 'Diese Dateiart wird nicht angenommen.'
		};
		for (const sample of refusedSamples) {
			const reply = await admin.upload(path, sample, { title: 'Versuch' });
			expect(reply.status, sample.name).toBe(400);
			expect(reply.body, sample.name).toContain(reasons[sample.reason]);
			expect(reply.body, 'the title is kept').toContain('value="Versuch"');
		}
		const overMax = await admin.upload(path, {
			name: 'gross.pdf',
			content: pdfOfSize(20 * 1024 * 1024 + 1)
		});
		expect(overMax.status).toBe(400);
		expect(overMax.body).toContain('Die Datei ist größer als 20 MB.');
		const session = `mitwirken_session=${admin.cookie('mitwirken_session')}`;
		expect(await declaredPost(path, 21 * 1024 * 1024 + 1, session)).toBe(413);
		const noFile = await admin.post(path, { title: 'ohne' });
		expect(noFile.status).toBe(400);
		expect(noFile.body).toContain('Bitte wählen Sie eine Datei.');
		expect(rows()).toHaveLength(before);
		const atMax = await admin.upload(path, {
			name: 'gerade-noch.pdf',
			content: pdfOfSize(20 * 1024 * 1024)
		});
		expect(atMax.status).toBe(200);
		// Other forms stay at 3 MB.
		const basics = `${processPath(own)}?/saveBasics`;
		expect(await declaredPost(basics, 3 * 1024 * 1024 + 1, session)).toBe(413);
		// A body that does not say its length could bring 21 MB to any form.
		expect(await declaredPost(basics, null, session)).toBe(411);
		expect(await declaredPost(path, null, session)).toBe(411);
		// The large limits belong to the upload forms of a signed-in person, not to a query.
		expect(await declaredPost(path, 3 * 1024 * 1024 + 1, '')).toBe(413);
		for (const anywhere of ['/language?/uploadSignVideo', '/login?/uploadAttachment']) {
			expect(await declaredPost(anywhere, 3 * 1024 * 1024 + 1, session), anywhere).toBe(413);
			expect(await declaredPost(anywhere, 3 * 1024 * 1024 + 1, ''), anywhere).toBe(413);
		}
	});

	it('keeps hostile file names harmless', async () => {
		const admin = await signIn(emails.admin);
		const path = `${processPath(own)}?/uploadAttachment`;
		const cases = [
			['Vor\u0000la\u0007ge\u001b[31m.pdf', 'Vorlage[31m.pdf'],
			['../../../etc/passwd.pdf', 'etc_passwd.pdf'],
			['Rechnung\u202Efdp.exe.pdf', 'Rechnungfdp.exe.pdf'],
			[`${'a'.repeat(1000)}.pdf`, `${'a'.repeat(146)}.pdf`]
		] as const;
		for (const [name, stored] of cases) {
			const reply = await admin.upload(path, { name, content: pdfOfSize(100) }, { title: '' });
			expect(reply.status, name).toBe(200);
			const row = server
				.db()
				.select()
				.from(table.attachment)
				.where(eq(table.attachment.fileName, stored))
				.get();
			expect(row, stored).toBeDefined();
			const download = await admin.download(`${processPath(own)}/anhaenge/${row!.id}`);
			expect(download.headers.get('content-disposition')).toContain(
				`filename*=UTF-8''${encodeURIComponent(stored)}`
			);
		}
	});

	it('attaches to a version, a measure and an event, and asks before deleting', async () => {
		const admin = await signIn(emails.admin);
		const base = processPath(own);
		const pages = [
			`${base}/concept/${own.versionId}`,
			`${base}/measures/${own.measureId}`,
			`${base}/events/${own.eventId}`
		];
		for (const page of pages) {
			const upload = await admin.upload(
				`${page}?/uploadAttachment`,
				{ name: 'Anlage.pdf', content: pdfOfSize(200) },
				{ title: `Anlage zu ${page}` }
			);
			expect(upload.status, page).toBe(200);
			const shown = await admin.get(page);
			expect(shown.body).toContain(`Anlage zu ${page}`);
			const row = rows().find((r) => r.title === `Anlage zu ${page}`)!;
			const asked = await admin.post(`${page}?/deleteAttachment`, { id: String(row.id) });
			expect(asked.status).toBe(409);
			expect(asked.body).toContain(`Datei „Anlage zu ${page}“ löschen`);
			expect(rows().some((r) => r.id === row.id)).toBe(true);
			// Only on its own page.
			const elsewhere = await admin.post(`${base}?/deleteAttachment`, {
				id: String(row.id),
				confirmed: 'on'
			});
			expect(elsewhere.status).toBe(404);
			const done = await admin.post(`${page}?/deleteAttachment`, {
				id: String(row.id),
				confirmed: 'on'
			});
			expect(done.status).toBe(200);
			expect(done.body).toContain('Gelöscht.');
			expect(rows().some((r) => r.id === row.id)).toBe(false);
		}
	});

	it('keeps the files of an adopted version (409)', async () => {
		const admin = await signIn(emails.admin);
		const page = `${processPath(adopted)}/concept/${adopted.versionId}`;
		const upload = await admin.upload(
			`${page}?/uploadAttachment`,
			{ name: 'Beschluss.pdf', content: pdfOfSize(300) },
			{ title: 'Niederschrift Kreistag' }
		);
		expect(upload.status).toBe(200);
		const row = rows().find((r) => r.title === 'Niederschrift Kreistag')!;
		for (const confirmed of ['', 'on']) {
			const refused = await admin.post(`${page}?/deleteAttachment`, {
				id: String(row.id),
				confirmed
			});
			expect(refused.status).toBe(409);
			expect(refused.body).toContain('Diese Fassung ist beschlossen');
		}
		expect(rows().some((r) => r.id === row.id)).toBe(true);
	});

	it('lets readers download but not upload or delete', async () => {
		const steering = await signIn(emails.steering);
		const base = processPath(own);
		expect((await steering.download(`${base}/anhaenge/${own.attachmentId}`)).status).toBe(200);
		const upload = await steering.upload(`${base}?/uploadAttachment`, {
			name: 'x.pdf',
			content: pdfOfSize(10)
		});
		expect(upload.status).toBe(403);
		const page = await steering.get(base);
		expect(page.body).not.toContain('?/uploadAttachment');
		expect(
			(await steering.post(`${base}?/deleteAttachment`, { id: String(own.attachmentId) })).status
		).toBe(403);
	});

	it("never reaches another organisation's files", async () => {
		const admin = await signIn(emails.admin);
		const base = processPath(own);
		const foreignId = String(foreign.attachmentId);
		expect((await admin.download(`${base}/anhaenge/${foreignId}`)).status).toBe(404);
		expect(
			(await admin.download(`${processPath(foreign, foreignSlug)}/anhaenge/${foreignId}`)).status
		).toBe(404);
		expect(
			(await admin.post(`${base}?/deleteAttachment`, { id: foreignId, confirmed: 'on' })).status
		).toBe(404);
		const intoForeignEvent = await admin.upload(
			`${base}/events/${foreign.eventId}?/uploadAttachment`,
			{
				name: 'x.pdf',
				content: pdfOfSize(10)
			}
		);
		expect(intoForeignEvent.status).toBe(404);
		expect(rows().some((r) => r.id === foreign.attachmentId)).toBe(true);
		expect(rows().filter((r) => r.eventId === foreign.eventId)).toHaveLength(0);
	});

	it('serves publicly only public files of public processes', async () => {
		const anonymous = new Visitor(server.url);
		const admin = await signIn(emails.admin);
		const publicPath = (fixture: ProcessFixture, id: number) =>
			`/beteiligung/${slug}/${fixture.process.slug}/anhaenge/${id}`;
		const shown = await anonymous.download(publicPath(own, own.attachmentId));
		expect(shown.status).toBe(200);
		expect(shown.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(shown.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
		expect(shown.headers.get('x-content-type-options')).toBe('nosniff');

		await admin.upload(
			`${processPath(own)}?/uploadAttachment`,
			{ name: 'Intern.pdf', content: pdfOfSize(10) },
			{ title: 'Nur intern' }
		);
		const internal = rows().find((r) => r.title === 'Nur intern')!;
		expect(internal.isPublic).toBe(false);
		expect((await anonymous.download(publicPath(own, internal.id))).status).toBe(404);
		// Another process's file, and another organisation's.
		expect((await anonymous.download(publicPath(own, adopted.attachmentId))).status).toBe(404);
		expect((await anonymous.download(publicPath(own, foreign.attachmentId))).status).toBe(404);

		server
			.db()
			.update(table.process)
			.set({ isPublic: false })
			.where(eq(table.process.id, adopted.process.id))
			.run();
		expect((await anonymous.download(publicPath(adopted, adopted.attachmentId))).status).toBe(404);
	});

	it('logs the upload in the audit log without the bytes', async () => {
		const admin = await signIn(emails.admin);
		const sample = acceptedSamples[0];
		await admin.upload(
			`${processPath(own)}?/uploadAttachment`,
			{ name: 'Protokolliert.pdf', content: sample.content },
			{ title: 'Protokolliert' }
		);
		const entry = server
			.db()
			.select()
			.from(table.auditLog)
			.where(eq(table.auditLog.tableName, 'attachment'))
			.all()
			.map((row) => JSON.parse(String(row.after)) as Record<string, unknown> | null)
			.find((after) => after?.title === 'Protokolliert')!;
		expect(entry.sha256).toBe(createHash('sha256').update(sample.content).digest('hex'));
		expect(entry).not.toHaveProperty('content');
		expect(JSON.stringify(entry)).not.toContain('%PDF');
	});
});
