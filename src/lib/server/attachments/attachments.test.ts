import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { acceptedSamples, refusedSamples } from '../../../../tests/attachment-samples';
import {
	councilStep,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { createMeasure } from '../concept/measures';
import { saveVersion } from '../concept/versions';
import { addStep } from '../council/steps';

import { runAudited } from '../db/audit';
import * as table from '../db/schema';
import { addField, listFields } from '../process/fields';
import {
	addAttachment,
	attachmentFile,
	deleteAttachment,
	listAttachments,
	listPublicAttachments,
	publicAttachmentFile
} from './attachments';
import { contentDisposition, storedFileName } from './file-name';
import { identifyFile } from './file-types';

const text = (value: string) => new TextEncoder().encode(value);

describe('identifyFile', () => {
	it.each(acceptedSamples)('takes $name as $mediaType', ({ name, content, mediaType }) => {
		expect(identifyFile(content, name)).toMatchObject({ ok: true, mediaType });
	});

	it.each(refusedSamples)('refuses $name: $reason', ({ name, content, reason }) => {
		expect(identifyFile(content, name)).toEqual({ ok: false, reason });
	});

	it('goes by the content, not the name: a PDF without extension is a PDF', () => {
		expect(identifyFile(acceptedSamples[0].content, 'Vorlage')).toMatchObject({ kind: 'pdf' });
		expect(identifyFile(acceptedSamples[0].content, 'Vorlage.png')).toEqual({
			ok: false,
			reason: 'mismatch'
		});
	});

	it('refuses one byte over 20 MB', () => {
		const content = new Uint8Array(20 * 1024 * 1024 + 1);
		content.set(text('%PDF-1.4\n'));
		expect(identifyFile(content, 'gross.pdf')).toEqual({ ok: false, reason: 'too_large' });
		expect(identifyFile(content.subarray(0, 20 * 1024 * 1024), 'gerade.pdf').ok).toBe(true);
	});
});

describe('storedFileName', () => {
	it.each([
		['Beschlussvorlage.pdf', 'Beschlussvorlage.pdf'],
		['../../etc/passwd.pdf', 'etc_passwd.pdf'],
		['C:\\Users\\amt\\Vorlage.PDF', 'C__Users_amt_Vorlage.PDF'],
		['Vor\u0000la\u001bge\u0007.pdf', 'Vorlage.pdf'],
		['Rechnung\u202Efdp.exe', 'Rechnungfdp.exe.pdf'],
		['.htaccess', 'htaccess.pdf'],
		['Vorlage', 'Vorlage.pdf'],
		['   ', 'datei.pdf'],
		['Zeile\neins\t.pdf', 'Zeile eins.pdf'],
		['Sitzung "Ausschuss" <neu>?.pdf', 'Sitzung _Ausschuss_ _neu__.pdf']
	])('%j → %j', (raw, stored) => {
		expect(storedFileName(raw, 'pdf')).toBe(stored);
	});

	it('keeps at most 150 characters, the extension included', () => {
		const stored = storedFileName(`${'ü'.repeat(1000)}.pdf`, 'pdf');
		expect([...stored]).toHaveLength(150);
		expect(stored.endsWith('ü.pdf')).toBe(true);
	});
});

describe('contentDisposition', () => {
	it('names the file in UTF-8 (RFC 6266) with an ASCII stand-in', () => {
		expect(contentDisposition('Übersicht "2026" 100%.pdf')).toBe(
			`attachment; filename="Ubersicht _2026_ 100_.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%222026%22%20100%25.pdf`
		);
		expect(contentDisposition("Anlage (1) it's.pdf")).toContain(
			"filename*=UTF-8''Anlage%20%281%29%20it%27s.pdf"
		);
	});
});

describe('attachments', () => {
	async function setUp() {
		const db = createTestDb();
		const org = createTestOrganisation(db);
		const { process, event } = createTestEvent(db, org.id);
		const other = createTestEvent(db, org.id, 'Andere Konferenz');
		const user = await createTestUser(db);
		addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
		const measure = createMeasure(db, process.id, {
			fieldOfActionId: listFields(db, process.id)[0]!.id,
			goalId: null,
			title: 'Sprachcafé',
			description: '',
			lead: 'Volkshochschule',
			timeframe: 'short',
			costEstimate: '',
			funding: 'own_budget',
			priority: 'high',
			status: 'proposed'
		})!;
		const version = saveVersion(db, process, org.name, { introduction: '', note: '' }, user);
		const uploader = { id: user.id, name: user.name };
		const pdf = (title = '') => ({
			title,
			fileName: 'Vorlage.pdf',
			content: acceptedSamples[0].content,
			isPublic: false
		});
		return { db, process, event, other, user, measure, version, uploader, pdf };
	}

	it('keeps files per target and lists each target only its own', async () => {
		const { db, process, event, measure, version, uploader, pdf } = await setUp();
		const targets = [
			{ kind: 'process' },
			{ kind: 'event', id: event.id },
			{ kind: 'measure', id: measure.id },
			{ kind: 'version', id: version.id }
		] as const;
		for (const target of targets) {
			const added = addAttachment(db, process.id, target, pdf(target.kind), uploader);
			expect(added.ok).toBe(true);
		}
		for (const target of targets) {
			expect(listAttachments(db, process.id, target).map((a) => a.title)).toEqual([target.kind]);
		}
		const [first] = listAttachments(db, process.id, { kind: 'process' });
		expect(first).toMatchObject({ title: 'process', fileName: 'Vorlage.pdf', size: 55 });
		expect(first).not.toHaveProperty('content');
		expect(addAttachment(db, process.id, { kind: 'process' }, pdf(), uploader)).toMatchObject({
			ok: true,
			attachment: { title: 'Vorlage' }
		});
	});

	it('cannot point into another process, by the domain or by SQL', async () => {
		const { db, process, other, uploader, pdf } = await setUp();
		const foreignEvent = { kind: 'event', id: other.event.id } as const;
		expect(addAttachment(db, process.id, foreignEvent, pdf(), uploader)).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const insert = db.$client.prepare(
			`INSERT INTO attachment (process_id, event_id, title, file_name, media_type, size, sha256,
				content, uploaded_by_name) VALUES (?, ?, 't', 'f.pdf', 'application/pdf', 1, 'x', x'00', 'n')`
		);
		expect(() => insert.run(process.id, other.event.id)).toThrow(/FOREIGN KEY/);
		const both = db.$client.prepare(
			`INSERT INTO attachment (process_id, event_id, measure_id, title, file_name, media_type, size,
				sha256, content, uploaded_by_name) VALUES (?, ?, ?, 't', 'f.pdf', 'application/pdf', 1, 'x', x'00', 'n')`
		);
		expect(() => both.run(process.id, null, null)).not.toThrow();
		const event = db.select().from(table.event).where(eq(table.event.processId, process.id)).get()!;
		const measure = db.select().from(table.measure).get()!;
		expect(() => both.run(process.id, event.id, measure.id)).toThrow(/CHECK/);
	});

	it('goes with its event, measure or version, and with the process', async () => {
		const { db, process, event, measure, uploader, pdf } = await setUp();
		addAttachment(db, process.id, { kind: 'event', id: event.id }, pdf(), uploader);
		addAttachment(db, process.id, { kind: 'measure', id: measure.id }, pdf(), uploader);
		addAttachment(db, process.id, { kind: 'process' }, pdf(), uploader);
		db.delete(table.event).where(eq(table.event.id, event.id)).run();
		expect(db.select().from(table.attachment).all()).toHaveLength(2);
		db.delete(table.process).where(eq(table.process.id, process.id)).run();
		expect(db.select().from(table.attachment).all()).toHaveLength(0);
	});

	it('keeps the attachments of an adopted version', async () => {
		const { db, process, version, uploader, pdf } = await setUp();
		const target = { kind: 'version', id: version.id } as const;
		const added = addAttachment(db, process.id, target, pdf(), uploader);
		if (!added.ok) throw new Error(added.reason);
		addStep(db, process.id, version.id, councilStep(), uploader);
		expect(deleteAttachment(db, process.id, target, added.attachment.id)).toEqual({
			ok: false,
			reason: 'adopted'
		});
		const later = addAttachment(db, process.id, target, pdf('Niederschrift'), uploader);
		expect(later.ok).toBe(true);
	});

	it('deletes only within its own target and process', async () => {
		const { db, process, other, event, uploader, pdf } = await setUp();
		const added = addAttachment(db, process.id, { kind: 'process' }, pdf(), uploader);
		if (!added.ok) throw new Error(added.reason);
		const id = added.attachment.id;
		expect(deleteAttachment(db, other.process.id, { kind: 'process' }, id).ok).toBe(false);
		expect(deleteAttachment(db, process.id, { kind: 'event', id: event.id }, id).ok).toBe(false);
		expect(attachmentFile(db, other.process.id, id)).toBeUndefined();
		expect(deleteAttachment(db, process.id, { kind: 'process' }, id)).toEqual({ ok: true });
		expect(attachmentFile(db, process.id, id)).toBeUndefined();
	});

	it('serves publicly only what is marked public', async () => {
		const { db, process, uploader, pdf } = await setUp();
		const hidden = addAttachment(db, process.id, { kind: 'process' }, pdf(), uploader);
		const shown = addAttachment(
			db,
			process.id,
			{ kind: 'process' },
			{ ...pdf(), isPublic: true },
			uploader
		);
		if (!hidden.ok || !shown.ok) throw new Error('not added');
		expect(publicAttachmentFile(db, process.id, hidden.attachment.id)).toBeUndefined();
		expect(publicAttachmentFile(db, process.id, shown.attachment.id)?.content).toEqual(
			Buffer.from(acceptedSamples[0].content)
		);
	});

	it('serves a public file only while its event, measure or version is public too', async () => {
		const { db, process, event, measure, version, uploader, pdf } = await setUp();
		const add = (target: Parameters<typeof addAttachment>[2]) => {
			const added = addAttachment(db, process.id, target, { ...pdf(), isPublic: true }, uploader);
			if (!added.ok) throw new Error(added.reason);
			return added.attachment.id;
		};
		const onEvent = add({ kind: 'event', id: event.id });
		const onMeasure = add({ kind: 'measure', id: measure.id });
		const onVersion = add({ kind: 'version', id: version.id });
		const served = () =>
			[onEvent, onMeasure, onVersion].filter((id) => publicAttachmentFile(db, process.id, id));
		const listed = () => listPublicAttachments(db, process.id).map((file) => file.id);
		// A draft version's annex waits for the council.
		expect(served()).toEqual([onEvent, onMeasure]);
		expect(listed().sort()).toEqual([onEvent, onMeasure].sort());

		db.update(table.event).set({ isPublic: false }).where(eq(table.event.id, event.id)).run();
		db.update(table.measure)
			.set({ archivedAt: new Date() })
			.where(eq(table.measure.id, measure.id))
			.run();
		addStep(db, process.id, version.id, councilStep({ isFinal: true }), uploader);
		expect(served()).toEqual([onVersion]);
		expect(listed()).toEqual([onVersion]);
	});

	it('logs who attached what, without the bytes', async () => {
		const { db, process, user, uploader, pdf } = await setUp();
		const context = {
			actorKind: 'user',
			actorUserId: user.id,
			actorName: user.name,
			organisationId: null,
			processId: process.id,
			path: 'test'
		} as const;
		runAudited(context, () => addAttachment(db, process.id, { kind: 'process' }, pdf(), uploader));
		const entry = db
			.select()
			.from(table.auditLog)
			.where(eq(table.auditLog.tableName, 'attachment'))
			.get()!;
		const after = JSON.parse(String(entry.after)) as Record<string, unknown>;
		expect(after).toMatchObject({
			file_name: 'Vorlage.pdf',
			media_type: 'application/pdf',
			size: 55
		});
		expect(after.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(after).not.toHaveProperty('content');
	});
});
