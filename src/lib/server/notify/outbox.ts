import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import * as table from '../db/schema';
import { mailConfigured, sendMail } from '../auth/mail';
import {
	messageLocaleOf,
	optionalKinds,
	type MessageLocale,
	type NotificationKind,
	type OptionalKind
} from '../../notify-kinds';

/** A failed message is tried again by the scheduler until it has failed this often. */
export const maxAttempts = 3;

export interface MessageText {
	subject: string;
	text: string;
	link?: string;
	ics?: { fileName: string; content: string };
}

export interface Recipient {
	userId: number;
	email: string;
	name: string;
}

/** The user's message language and digest choice; German and single mails until they choose. */
export function settingsOf(db: Db, userId: number) {
	const row = db
		.select()
		.from(table.notificationSetting)
		.where(eq(table.notificationSetting.userId, userId))
		.get();
	const optedOut = db
		.select({ kind: table.notificationOptOut.kind })
		.from(table.notificationOptOut)
		.where(eq(table.notificationOptOut.userId, userId))
		.all()
		.map((r) => r.kind);
	return {
		locale: row?.locale ?? ('de' as MessageLocale),
		digest: row?.digest ?? false,
		off: new Set<NotificationKind>(optedOut)
	};
}

/** Keeps the language the user chose on a page, so later messages are written in it. */
export function rememberLocale(db: Db, userId: number, locale: string) {
	const chosen = messageLocaleOf(locale);
	db.insert(table.notificationSetting)
		.values({ userId, locale: chosen })
		.onConflictDoUpdate({ target: table.notificationSetting.userId, set: { locale: chosen } })
		.run();
}

export function savePreferences(
	db: Db,
	userId: number,
	choice: { enabled: readonly OptionalKind[]; digest: boolean }
) {
	db.transaction((tx) => {
		tx.insert(table.notificationSetting)
			.values({ userId, digest: choice.digest })
			.onConflictDoUpdate({
				target: table.notificationSetting.userId,
				set: { digest: choice.digest }
			})
			.run();
		tx.delete(table.notificationOptOut).where(eq(table.notificationOptOut.userId, userId)).run();
		const off = optionalKinds.filter((kind) => !choice.enabled.includes(kind));
		if (off.length > 0) {
			tx.insert(table.notificationOptOut)
				.values(off.map((kind) => ({ userId, kind })))
				.run();
		}
	});
}

/**
 * Writes a message to a user into the outbox, in their language, unless they switched its kind
 * off; held for their digest if they chose one. Nothing is written for a dedupe key already
 * used. Returns the new row, or undefined.
 */
export function notifyUser(
	db: Db,
	input: {
		organisationId: number;
		recipient: Recipient;
		kind: OptionalKind;
		dedupeKey: string;
		write: (locale: MessageLocale) => MessageText;
	}
): table.Notification | undefined {
	const settings = settingsOf(db, input.recipient.userId);
	if (settings.off.has(input.kind)) return undefined;
	const message = input.write(settings.locale);
	return db
		.insert(table.notification)
		.values({
			organisationId: input.organisationId,
			userId: input.recipient.userId,
			toAddress: input.recipient.email,
			kind: input.kind,
			locale: settings.locale,
			subject: message.subject,
			text: message.text,
			link: message.link ?? '',
			icsFileName: message.ics?.fileName ?? null,
			ics: message.ics?.content ?? null,
			dedupeKey: input.dedupeKey,
			status: settings.digest ? 'held' : 'queued'
		})
		.onConflictDoNothing({ target: table.notification.dedupeKey })
		.returning()
		.get();
}

/**
 * A message to an address (an invitation to someone without an account, a password reset):
 * never switched off, never in a digest. `secret` messages carry a one-time link, blanked once
 * the mail is out.
 */
export function notifyAddress(
	db: Db,
	input: {
		organisationId: number | null;
		userId?: number | null;
		email: string;
		kind: 'invitation' | 'password_reset';
		locale: MessageLocale;
		message: MessageText;
		secret: boolean;
		dedupeKey?: string;
	}
) {
	return db
		.insert(table.notification)
		.values({
			organisationId: input.organisationId,
			userId: input.userId ?? null,
			toAddress: input.email,
			kind: input.kind,
			locale: input.locale,
			subject: input.message.subject,
			text: input.message.text,
			link: input.message.link ?? '',
			secret: input.secret,
			dedupeKey: input.dedupeKey ?? null
		})
		.onConflictDoNothing({ target: table.notification.dedupeKey })
		.returning()
		.get();
}

/** The organisation's sender, if its administrators set one. */
export function senderOf(db: Db, organisationId: number) {
	return db
		.select({ name: table.notificationSender.name, address: table.notificationSender.address })
		.from(table.notificationSender)
		.where(eq(table.notificationSender.organisationId, organisationId))
		.get();
}

export function saveSender(
	db: Db,
	organisationId: number,
	sender: { name: string; address: string }
) {
	db.insert(table.notificationSender)
		.values({ organisationId, ...sender })
		.onConflictDoUpdate({ target: table.notificationSender.organisationId, set: sender })
		.run();
}

/** Sends one stored message through SMTP and records the outcome; never throws. */
async function deliver(db: Db, message: table.Notification): Promise<boolean> {
	const sender = message.organisationId ? senderOf(db, message.organisationId) : undefined;
	const organisation = message.organisationId
		? db
				.select({ name: table.organisation.name })
				.from(table.organisation)
				.where(eq(table.organisation.id, message.organisationId))
				.get()
		: undefined;
	try {
		await sendMail({
			to: message.toAddress,
			subject: message.subject,
			text: message.text,
			...(sender?.address
				? {
						from: {
							name: sender.name || organisation?.name || 'Mitwirken',
							address: sender.address
						}
					}
				: {}),
			...(message.ics && message.icsFileName
				? {
						attachments: [
							{
								filename: message.icsFileName,
								content: message.ics,
								contentType: 'text/calendar; charset=utf-8; method=PUBLISH'
							}
						]
					}
				: {})
		});
		db.update(table.notification)
			.set({
				status: 'sent',
				sentAt: new Date(),
				error: null,
				attempts: message.attempts + 1,
				...(message.secret ? { text: '', link: '' } : {})
			})
			.where(eq(table.notification.id, message.id))
			.run();
		return true;
	} catch (error) {
		db.update(table.notification)
			.set({
				status: 'failed',
				attempts: message.attempts + 1,
				error: (error instanceof Error ? error.message : String(error)).slice(0, 500)
			})
			.where(eq(table.notification.id, message.id))
			.run();
		console.error('notify: message %d not sent: %s', message.id, error);
		return false;
	}
}

let delivering: Promise<unknown> = Promise.resolve();

/**
 * Sends every queued message (and failed ones with tries left) when SMTP is configured. Runs
 * one at a time in this process, so two callers never send the same message twice.
 */
export function deliverQueued(db: Db): Promise<{ sent: number; failed: number }> {
	const run = delivering.then(async () => {
		const counts = { sent: 0, failed: 0 };
		if (!mailConfigured()) return counts;
		const due = db
			.select()
			.from(table.notification)
			.where(
				or(
					eq(table.notification.status, 'queued'),
					and(eq(table.notification.status, 'failed'), lt(table.notification.attempts, maxAttempts))
				)
			)
			.orderBy(table.notification.id)
			.all();
		for (const message of due) {
			if (await deliver(db, message)) counts.sent++;
			else counts.failed++;
		}
		return counts;
	});
	delivering = run.catch(() => undefined);
	return run;
}

/** For routes: send what was just queued without making the page wait for the mail server. */
export function deliverSoon(db: Db) {
	deliverQueued(db).catch((error: unknown) => console.error('notify: delivery failed:', error));
}

/** The organisation's outbox, newest first. */
export function listOutbox(db: Db, organisationId: number, limit = 200) {
	return db
		.select()
		.from(table.notification)
		.where(eq(table.notification.organisationId, organisationId))
		.orderBy(desc(table.notification.createdAt), desc(table.notification.id))
		.limit(limit)
		.all();
}

export function findOutboxMessage(db: Db, organisationId: number, id: number) {
	return db
		.select()
		.from(table.notification)
		.where(
			and(eq(table.notification.id, id), eq(table.notification.organisationId, organisationId))
		)
		.get();
}

/** Held messages not yet folded into a digest, by user and organisation. */
export function heldMessages(db: Db) {
	return db
		.select()
		.from(table.notification)
		.where(and(eq(table.notification.status, 'held'), isNull(table.notification.digestId)))
		.orderBy(table.notification.id)
		.all();
}

/** Marks the held messages as gone out inside the digest. */
export function markDigested(db: DbOrTx, digestId: number, ids: number[]) {
	if (ids.length === 0) return;
	db.update(table.notification)
		.set({ status: 'digested', digestId })
		.where(and(inArray(table.notification.id, ids), eq(table.notification.status, 'held')))
		.run();
}

export function messageSent(db: Db, id: number): boolean {
	return (
		db
			.select({ status: table.notification.status })
			.from(table.notification)
			.where(eq(table.notification.id, id))
			.get()?.status === 'sent'
	);
}

/** What the outbox keeps about a person, for their data download (one-time links left out). */
export function notificationDataOf(db: Db, userId: number) {
	const settings = settingsOf(db, userId);
	return {
		locale: settings.locale,
		digest: settings.digest,
		switchedOff: [...settings.off],
		messages: db
			.select()
			.from(table.notification)
			.where(eq(table.notification.userId, userId))
			.orderBy(table.notification.id)
			.all()
			.map((message) => ({
				kind: message.kind,
				to: message.toAddress,
				subject: message.subject,
				text: message.secret ? '' : message.text,
				status: message.status,
				createdAt: message.createdAt,
				sentAt: message.sentAt
			}))
	};
}
