import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	createMember,
	createTestDb,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import * as table from '../db/schema';
import { addComment } from '../concept/comments';
import { approveMinutes, draftMinutes, submitMinutes } from '../minutes/minutes';
import { createEvent, updateEvent } from '../events/events';
import { createProcess } from '../process/processes';
import {
	deliverQueued,
	findOutboxMessage,
	listOutbox,
	notifyAddress,
	rememberLocale,
	savePreferences,
	saveSender
} from './outbox';
import { runScheduledNotifications, writeDigests } from './schedule';
import {
	notifyApprovalGiven,
	notifyApprovalRefused,
	notifyEventInvitation,
	notifyMeasureComment,
	notifyMinutesSubmitted
} from './triggers';
import { waitingFor } from './waiting';

interface Arrived {
	from: string;
	to: string[];
	raw: string;
}

const arrived: Arrived[] = [];
let smtp: SMTPServer;
let smtpUrl = '';

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, done) {
			let raw = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk: string) => (raw += chunk));
			stream.on('end', () => {
				arrived.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw
				});
				done();
			});
		}
	});
	await new Promise<void>((ready) => smtp.listen(0, '127.0.0.1', () => ready()));
	smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => smtp.close(() => done())));

afterEach(() => {
	delete process.env.SMTP_URL;
	arrived.length = 0;
});

/** RFC 2047 words (`=?UTF-8?Q?…?=`) decoded. */
function decodeWords(value: string) {
	return value.replace(/=\?[^?]+\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
		kind.toUpperCase() === 'B'
			? Buffer.from(text, 'base64').toString('utf8')
			: Buffer.from(
					text
						.replace(/_/g, ' ')
						.replace(/=([0-9A-F]{2})/gi, (__, hex: string) =>
							String.fromCharCode(parseInt(hex, 16))
						),
					'latin1'
				).toString('utf8')
	);
}

function header(raw: string, name: string) {
	const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
	const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
	return decodeWords(line?.slice(name.length + 1).trim() ?? '');
}

/** The MIME parts of a message, each with its headers and decoded body. */
function parts(raw: string) {
	const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
	const chunks = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
	return chunks.map((chunk) => {
		const body = chunk.replace(/^\r\n/, '');
		const split = body.indexOf('\r\n\r\n');
		const head = body.slice(0, split);
		const content = body.slice(split + 4);
		const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
		const text =
			encoding === 'base64'
				? Buffer.from(content, 'base64').toString('utf8')
				: encoding === 'quoted-printable'
					? Buffer.from(
							content
								.replace(/=\r\n/g, '')
								.replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
									String.fromCharCode(parseInt(hex, 16))
								),
							'latin1'
						).toString('utf8')
					: content;
		return { head, text };
	});
}

/** An organisation with a process, a steering group whose member has an account, and staff. */
async function scene(db: Db, name = 'Landkreis Konstanz') {
	const organisation = createTestOrganisation(db, name);
	const admin = await createMember(db, organisation.id, 'admin');
	const owner = await createMember(db, organisation.id, 'process_owner');
	const member = await createMember(db, organisation.id, 'steering_member');
	const moderator = await createMember(db, organisation.id, 'moderator');
	const process = createProcess(db, {
		organisationId: organisation.id,
		title: 'Integrationskonzept 2.0',
		description: '',
		template: 'empty',
		startsOn: '2026-01-01'
	});
	const body = db
		.insert(table.body)
		.values({ processId: process.id, kind: 'steering_group', name: 'Steuerungsgruppe' })
		.returning()
		.get();
	db.insert(table.bodyMember)
		.values({ bodyId: body.id, name: member.name, userId: member.id })
		.run();
	const field = db
		.insert(table.fieldOfAction)
		.values({ processId: process.id, code: '1', title: 'Sprache und Bildung', position: 0 })
		.returning()
		.get();
	const measure = db
		.insert(table.measure)
		.values({
			processId: process.id,
			fieldOfActionId: field.id,
			position: 0,
			title: 'Sprachcafé im Landratsamt',
			leadBodyId: body.id,
			status: 'in_implementation',
			createdAt: new Date('2024-06-01T10:00:00Z')
		})
		.returning()
		.get();
	return { organisation, admin, owner, member, moderator, process, body, measure };
}

function eventOf(db: Db, processId: number, bodyId: number | null, startsAt = '2026-12-03T18:00') {
	return createEvent(db, processId, {
		title: 'Sitzung der Steuerungsgruppe',
		description: '',
		place: 'Landratsamt, Saal 1',
		startsAt,
		endsAt: startsAt.replace(/T.*/, 'T20:00'),
		isPublic: true,
		status: 'planned',
		bodyId,
		phaseId: null
	});
}

const origin = 'https://mitwirken.kreis.example';
const morning = new Date('2026-12-02T08:00:00Z');

describe('sending through SMTP', () => {
	it('delivers an event invitation with its .ics, in the recipient language, from the organisation', async () => {
		process.env.SMTP_URL = smtpUrl;
		const db = createTestDb();
		const { organisation, process: p, body, member } = await scene(db);
		saveSender(db, organisation.id, {
			name: 'Integrationsbüro',
			address: 'integration@kreis.example'
		});
		const event = eventOf(db, p.id, body.id);
		expect(
			notifyEventInvitation(db, { eventId: event.id, origin, moved: false, now: morning })
		).toHaveLength(1);
		expect(await deliverQueued(db)).toEqual({ sent: 1, failed: 0 });

		expect(arrived).toHaveLength(1);
		const mail = arrived[0]!;
		expect(mail.to).toEqual([member.email]);
		expect(mail.from).toBe('integration@kreis.example');
		expect(header(mail.raw, 'From')).toContain('Integrationsbüro');
		expect(header(mail.raw, 'Subject')).toBe(
			'Einladung: Sitzung der Steuerungsgruppe, 03.12.2026, 18:00 Uhr'
		);
		const [text, ics] = parts(mail.raw);
		expect(text!.text).toContain('Steuerungsgruppe lädt ein');
		expect(text!.text).toContain(`${origin}/o/${organisation.slug}/p/${p.slug}/events/${event.id}`);
		expect(ics!.head).toMatch(/text\/calendar/i);
		expect(ics!.head).toContain(`sitzung-${event.id}.ics`);
		expect(ics!.text).toContain('SUMMARY:Sitzung der Steuerungsgruppe');
		expect(ics!.text).toContain('DTSTART:20261203T170000Z');
		expect(listOutbox(db, organisation.id)[0]).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it('writes in English for a user who chose English, and blanks a one-time link once sent', async () => {
		process.env.SMTP_URL = smtpUrl;
		const db = createTestDb();
		const { organisation, process: p, body, member } = await scene(db);
		rememberLocale(db, member.id, 'en');
		const event = eventOf(db, p.id, body.id);
		notifyEventInvitation(db, { eventId: event.id, origin, moved: false, now: morning });
		const reset = notifyAddress(db, {
			organisationId: null,
			userId: member.id,
			email: member.email,
			kind: 'password_reset',
			locale: 'de',
			message: {
				subject: 'Mitwirken: neues Passwort wählen',
				text: 'https://x/password-reset/geheim'
			},
			secret: true
		})!;
		await deliverQueued(db);
		expect(arrived.map((mail) => header(mail.raw, 'Subject'))).toEqual([
			'Invitation: Sitzung der Steuerungsgruppe, 2026-12-03 18:00',
			'Mitwirken: neues Passwort wählen'
		]);
		expect(parts(arrived[0]!.raw)[0]!.text).toContain('Hello');
		expect(arrived[0]!.from).toBe('mitwirken@localhost');
		const stored = db
			.select()
			.from(table.notification)
			.where(eq(table.notification.id, reset.id))
			.get()!;
		expect(stored).toMatchObject({ status: 'sent', text: '', link: '' });
		expect(listOutbox(db, organisation.id).map((m) => m.kind)).toEqual(['event_invitation']);
	});

	it('records a refused delivery and tries again later, up to three times', async () => {
		process.env.SMTP_URL = 'smtp://127.0.0.1:9';
		const db = createTestDb();
		const { organisation, process: p, body } = await scene(db);
		notifyEventInvitation(db, {
			eventId: eventOf(db, p.id, body.id).id,
			origin,
			moved: false,
			now: morning
		});
		expect(await deliverQueued(db)).toEqual({ sent: 0, failed: 1 });
		expect(await deliverQueued(db)).toEqual({ sent: 0, failed: 1 });
		expect(await deliverQueued(db)).toEqual({ sent: 0, failed: 1 });
		expect(await deliverQueued(db)).toEqual({ sent: 0, failed: 0 });
		expect(listOutbox(db, organisation.id)[0]).toMatchObject({ status: 'failed', attempts: 3 });
		expect(listOutbox(db, organisation.id)[0]!.error).toBeTruthy();
	});
});

describe('the outbox without SMTP', () => {
	it('keeps every message with its text, link and .ics for the organisation only', async () => {
		const db = createTestDb();
		const home = await scene(db);
		const other = await scene(db, 'Stadt Landau');
		const event = eventOf(db, home.process.id, home.body.id);
		notifyEventInvitation(db, { eventId: event.id, origin, moved: false, now: morning });
		expect(await deliverQueued(db)).toEqual({ sent: 0, failed: 0 });
		const [message] = listOutbox(db, home.organisation.id);
		expect(message).toMatchObject({
			status: 'queued',
			toAddress: home.member.email,
			locale: 'de',
			link: `${origin}/o/${home.organisation.slug}/p/${home.process.slug}/events/${event.id}`
		});
		expect(message!.ics).toContain('BEGIN:VEVENT');
		expect(listOutbox(db, other.organisation.id)).toEqual([]);
		expect(findOutboxMessage(db, other.organisation.id, message!.id)).toBeUndefined();
		expect(findOutboxMessage(db, home.organisation.id, message!.id)?.id).toBe(message!.id);
	});

	it('invites again only when the event moves, and never someone of another organisation', async () => {
		const db = createTestDb();
		const home = await scene(db);
		const stranger = await createTestUser(db);
		db.insert(table.bodyMember)
			.values({ bodyId: home.body.id, name: stranger.name, userId: stranger.id })
			.run();
		const event = eventOf(db, home.process.id, home.body.id);
		expect(
			notifyEventInvitation(db, { eventId: event.id, origin, moved: false, now: morning })
		).toHaveLength(1);
		expect(
			notifyEventInvitation(db, { eventId: event.id, origin, moved: false, now: morning })
		).toHaveLength(0);
		updateEvent(db, home.process.id, event.id, {
			title: event.title,
			description: '',
			place: event.place,
			startsAt: '2026-12-10T18:00',
			endsAt: '2026-12-10T20:00',
			isPublic: true,
			status: 'planned',
			bodyId: home.body.id,
			phaseId: null
		});
		const moved = notifyEventInvitation(db, {
			eventId: event.id,
			origin,
			moved: true,
			now: morning
		});
		expect(moved.map((m) => m.subject)).toEqual([
			'Termin geändert: Sitzung der Steuerungsgruppe, 10.12.2026, 18:00 Uhr'
		]);
		const recorded = eventOf(db, home.process.id, home.body.id, '2026-11-20T18:00');
		expect(
			notifyEventInvitation(db, { eventId: recorded.id, origin, moved: false, now: morning })
		).toEqual([]);
		expect(listOutbox(db, home.organisation.id).every((m) => m.toAddress !== stranger.email)).toBe(
			true
		);
	});
});

describe('approvals and comments', () => {
	it('tells those who may approve, then the submitter of the approval or the refusal', async () => {
		const db = createTestDb();
		const { organisation, process: p, body, owner, member, moderator } = await scene(db);
		const event = eventOf(db, p.id, body.id, '2026-11-20T18:00');
		const minutes = draftMinutes(db, event.id);
		expect(submitMinutes(db, event.id, minutes.id).ok).toBe(true);
		const waiting = notifyMinutesSubmitted(db, {
			eventId: event.id,
			minutesId: minutes.id,
			submittedBy: moderator.id,
			origin
		});
		// The steering group approves under its rule: of it, only `member` has an account.
		expect(waiting.map((m) => m.toAddress)).toEqual([member.email]);
		expect(waiting[0]!.subject).toBe('Protokoll zur Freigabe: Sitzung der Steuerungsgruppe');
		// Submitting the same round again writes nothing new.
		expect(
			notifyMinutesSubmitted(db, {
				eventId: event.id,
				minutesId: minutes.id,
				submittedBy: moderator.id,
				origin
			})
		).toEqual([]);

		approveMinutes(db, event.id, minutes.id, { id: member.id, name: member.name });
		const given = notifyApprovalGiven(db, {
			eventId: event.id,
			minutesId: minutes.id,
			approver: { id: member.id, name: member.name },
			origin
		});
		expect(given).toMatchObject({ toAddress: moderator.email, kind: 'approval_given' });
		expect(given!.text).toContain(`${member.name} hat das Protokoll`);

		const refused = notifyApprovalRefused(db, {
			eventId: event.id,
			minutesId: minutes.id,
			refuser: { id: owner.id, name: owner.name },
			reason: 'Die Anwesenheitsliste fehlt.',
			refusedAt: new Date('2026-11-21T10:00:00Z'),
			origin
		});
		expect(refused).toMatchObject({ toAddress: moderator.email, kind: 'approval_refused' });
		expect(refused!.text).toContain('Begründung: Die Anwesenheitsliste fehlt.');
		expect(listOutbox(db, organisation.id)).toHaveLength(3);
	});

	it('tells the leads of a measure about a comment, not its author', async () => {
		const db = createTestDb();
		const { process: p, measure, member, owner } = await scene(db);
		const fromOwner = addComment(
			db,
			p.id,
			owner,
			`measure:${measure.id}`,
			'Wer lädt die Träger ein?'
		)!;
		const sent = notifyMeasureComment(db, { comment: fromOwner, origin });
		expect(sent.map((m) => [m.toAddress, m.subject])).toEqual([
			[member.email, 'Kommentar zur Maßnahme 1.1']
		]);
		expect(sent[0]!.text).toContain('Wer lädt die Träger ein?');
		const fromLead = addComment(db, p.id, member, `measure:${measure.id}`, 'Ich kümmere mich.')!;
		expect(notifyMeasureComment(db, { comment: fromLead, origin })).toEqual([]);
		const onField = addComment(db, p.id, owner, 'introduction', 'Einleitung kürzen')!;
		expect(notifyMeasureComment(db, { comment: onField, origin })).toEqual([]);
	});
});

describe('preferences and the digest', () => {
	it('sends nothing of a kind switched off', async () => {
		const db = createTestDb();
		const { organisation, process: p, body, member } = await scene(db);
		savePreferences(db, member.id, { enabled: ['approval_waiting'], digest: false });
		notifyEventInvitation(db, {
			eventId: eventOf(db, p.id, body.id).id,
			origin,
			moved: false,
			now: morning
		});
		expect(listOutbox(db, organisation.id)).toEqual([]);
	});

	it('holds messages for one daily digest, written once a day in the user language', async () => {
		process.env.SMTP_URL = smtpUrl;
		const db = createTestDb();
		const { organisation, process: p, body, member, measure, owner } = await scene(db);
		savePreferences(db, member.id, {
			enabled: ['event_invitation', 'measure_comment'],
			digest: true
		});
		notifyEventInvitation(db, {
			eventId: eventOf(db, p.id, body.id).id,
			origin,
			moved: false,
			now: morning
		});
		const comment = addComment(db, p.id, owner, `measure:${measure.id}`, 'Bitte Zahlen ergänzen')!;
		notifyMeasureComment(db, { comment, origin });
		expect(listOutbox(db, organisation.id).map((m) => m.status)).toEqual(['held', 'held']);
		expect(await deliverQueued(db)).toEqual({ sent: 0, failed: 0 });

		expect(writeDigests(db, new Date('2026-12-02T04:00:00Z'), origin)).toBe(0);
		expect(writeDigests(db, morning, origin)).toBe(1);
		expect(writeDigests(db, morning, origin)).toBe(0);
		await deliverQueued(db);
		expect(arrived).toHaveLength(1);
		expect(header(arrived[0]!.raw, 'Subject')).toBe(
			`Mitwirken: 2 Nachrichten von ${organisation.name}`
		);
		const text = parts(arrived[0]!.raw)[0]!.text;
		expect(text).toContain('== Einladung: Sitzung der Steuerungsgruppe');
		expect(text).toContain('Bitte Zahlen ergänzen');
		const statuses = listOutbox(db, organisation.id).map((m) => [m.kind, m.status]);
		expect(statuses).toContainEqual(['digest', 'sent']);
		expect(statuses.filter(([, status]) => status === 'digested')).toHaveLength(2);
	});
});

describe('the scheduler', () => {
	it('writes reminders and Sachstand due once, however often it runs', async () => {
		const db = createTestDb();
		const { organisation, process: p, body, member, measure } = await scene(db);
		eventOf(db, p.id, body.id, '2026-12-03T18:00');
		eventOf(db, p.id, body.id, '2026-12-09T18:00');
		const first = await runScheduledNotifications(db, morning, origin);
		expect(first).toMatchObject({ reminders: 1, sachstand: 1 });
		const again = await runScheduledNotifications(db, morning, origin);
		expect(again).toMatchObject({ reminders: 0, sachstand: 0, digests: 0 });
		const kinds = listOutbox(db, organisation.id).map((m) => [m.kind, m.toAddress, m.subject]);
		expect(kinds).toContainEqual([
			'event_reminder',
			member.email,
			'Erinnerung: morgen Sitzung der Steuerungsgruppe'
		]);
		expect(kinds).toContainEqual(['sachstand_due', member.email, 'Sachstand fällig: Maßnahme 1.1']);
		const due = listOutbox(db, organisation.id).find((m) => m.kind === 'sachstand_due')!;
		expect(due.link).toBe(`${origin}/o/${organisation.slug}/p/${p.slug}/measures/${measure.id}`);
	});
});

describe('what waits on the home page', () => {
	it('lists approvals, Sachstand, comments and the next meetings, in the own organisation only', async () => {
		const db = createTestDb();
		const home = await scene(db);
		const other = await scene(db, 'Stadt Landau');
		const past = eventOf(db, home.process.id, home.body.id, '2026-11-20T18:00');
		const next = eventOf(db, home.process.id, home.body.id, '2026-12-09T18:00');
		const minutes = draftMinutes(db, past.id);
		submitMinutes(db, past.id, minutes.id);
		addComment(db, home.process.id, home.owner, `measure:${home.measure.id}`, 'Stand?');
		const otherEvent = eventOf(db, other.process.id, other.body.id, '2026-11-20T18:00');
		submitMinutes(db, otherEvent.id, draftMinutes(db, otherEvent.id).id);

		const [items] = waitingFor(db, home.member.id, morning);
		expect(items!.organisation.slug).toBe(home.organisation.slug);
		expect(items!.approvals.map((a) => a.eventId)).toEqual([past.id]);
		expect(items!.sachstand.map((s) => s.measureId)).toEqual([home.measure.id]);
		expect(items!.comments.map((c) => c.authorName)).toEqual([home.owner.name]);
		expect(items!.events.map((e) => e.eventId)).toEqual([next.id]);
		expect(waitingFor(db, home.member.id, morning)).toHaveLength(1);

		const [moderator] = waitingFor(db, home.moderator.id, morning);
		expect(moderator).toMatchObject({ approvals: [], sachstand: [], comments: [], events: [] });
	});
});
