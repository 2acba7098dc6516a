/**
 * The scheduled messages: reminders the day before an event, Sachstand due, and the daily
 * digest. One run writes what is due by `now`; every message has a dedupe key, so the hourly
 * runs, and a run after a restart, never write a message twice.
 */
import { and, eq, isNull, like, ne } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db';
import * as table from '../db/schema';
import { yearlyPlan } from '../monitoring/monitoring';
import { timeZone, todayIn } from '../time';
import { dateTimeFormat } from '../../date-time-format';
import type { MessageLocale } from '../../notify-kinds';
import { deliverQueued, heldMessages, markDigested, notifyUser, settingsOf } from './outbox';
import { bodyMemberAccounts, letter, measureLeads, notifyEventReminder } from './triggers';

const hourMs = 3_600_000;
/** Digests are written on the first run at or after this hour (Europe/Berlin). */
export const digestHour = 6;

function nextDay(day: string) {
	const date = new Date(`${day}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date.toISOString().slice(0, 10);
}

function localHour(now: Date) {
	return Number(
		dateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now)
	);
}

/** Reminders to the body's members of every event that starts tomorrow. */
export function writeEventReminders(db: Db, now: Date, origin: string) {
	const tomorrow = nextDay(todayIn(timeZone, now));
	const events = db
		.select({ event: table.event, organisationId: table.process.organisationId })
		.from(table.event)
		.innerJoin(table.process, eq(table.event.processId, table.process.id))
		.where(
			and(
				like(table.event.startsAt, `${tomorrow}T%`),
				eq(table.event.datePrecision, 'day'),
				isNull(table.event.archivedAt),
				ne(table.event.status, 'closed')
			)
		)
		.all();
	let written = 0;
	for (const { event, organisationId } of events) {
		if (event.bodyId === null) continue;
		for (const recipient of bodyMemberAccounts(db, event.bodyId, organisationId)) {
			if (notifyEventReminder(db, { eventId: event.id, recipient, origin })) written++;
		}
	}
	return written;
}

/**
 * A message to the leads of each measure whose Sachstand is due: under way (adopted or in
 * implementation) and without a status update for a year, the monitoring's "stalled". The key
 * holds the day last heard of, so a new Sachstand starts the count again.
 */
export function writeSachstandDue(db: Db, now: Date, origin: string) {
	const today = todayIn(timeZone, now);
	const processes = db
		.select({ id: table.process.id })
		.from(table.process)
		.where(ne(table.process.status, 'archived'))
		.all();
	let written = 0;
	for (const { id } of processes) {
		for (const { measures } of yearlyPlan(db, id, today)) {
			for (const entry of measures.filter((e) => e.stalled)) {
				const found = measureLeads(db, entry.id);
				if (!found) continue;
				const since = entry.latest?.recordedOn ?? entry.createdAt.toISOString().slice(0, 10);
				const link = `${origin}/o/${found.organisation.slug}/p/${found.process.slug}/measures/${entry.id}`;
				for (const recipient of found.leads) {
					const sent = notifyUser(db, {
						organisationId: found.organisation.id,
						recipient,
						kind: 'sachstand_due',
						dedupeKey: `sachstand_due:${entry.id}:${since}:user:${recipient.userId}`,
						write: (locale) => ({
							subject: m.notify_sachstand_due_subject({ measure: entry.number }, { locale }),
							text: letter(
								locale,
								recipient.name,
								m.notify_sachstand_due_text(
									{
										measure: entry.number,
										title: entry.title,
										process: found.process.title,
										since,
										link
									},
									{ locale }
								),
								origin
							),
							link
						})
					});
					if (sent) written++;
				}
			}
		}
	}
	return written;
}

/**
 * One digest a day per user and organisation of the messages held for it. The digest's key
 * holds the day; held messages that arrive after it wait for the next day's digest.
 */
export function writeDigests(db: Db, now: Date, origin: string) {
	if (localHour(now) < digestHour) return 0;
	const today = todayIn(timeZone, now);
	const groups = new Map<
		string,
		{ userId: number; organisationId: number; messages: table.Notification[] }
	>();
	for (const message of heldMessages(db)) {
		const { userId, organisationId } = message;
		if (userId === null || organisationId === null) continue;
		const key = `${userId}:${organisationId}`;
		const group = groups.get(key) ?? { userId, organisationId, messages: [] };
		group.messages.push(message);
		groups.set(key, group);
	}
	let written = 0;
	for (const { userId, organisationId, messages } of groups.values()) {
		const owner = db
			.select({ email: table.user.email, name: table.user.name })
			.from(table.user)
			.where(eq(table.user.id, userId))
			.get();
		const organisation = db
			.select({ name: table.organisation.name })
			.from(table.organisation)
			.where(eq(table.organisation.id, organisationId))
			.get();
		if (!owner || !organisation) continue;
		const locale: MessageLocale = settingsOf(db, userId).locale;
		const body = [
			m.notify_digest_text({}, { locale }),
			...messages.map((message) =>
				[`== ${message.subject} ==`, stripLetter(message.text)].join('\n')
			)
		].join('\n\n');
		db.transaction((tx) => {
			const digest = tx
				.insert(table.notification)
				.values({
					organisationId,
					userId,
					toAddress: owner.email,
					kind: 'digest',
					locale,
					subject: m.notify_digest_subject(
						{ count: messages.length, organisation: organisation.name },
						{ locale }
					),
					text: letter(locale, owner.name, body, origin),
					dedupeKey: `digest:${userId}:${organisationId}:${today}`
				})
				.onConflictDoNothing({ target: table.notification.dedupeKey })
				.returning()
				.get();
			if (!digest) return;
			markDigested(
				tx,
				digest.id,
				messages.map((message) => message.id)
			);
			written++;
		});
	}
	return written;
}

/** A held message's own text without its greeting and footer, for the digest. */
function stripLetter(text: string) {
	const lines = text.split('\n');
	const footer = lines.lastIndexOf('-- ');
	return lines
		.slice(2, footer > 0 ? footer : undefined)
		.join('\n')
		.trim();
}

/** One run of the scheduler: writes what is due, then sends what is queued (with SMTP). */
export async function runScheduledNotifications(db: Db, now = new Date(), origin = appOrigin()) {
	const written = {
		reminders: writeEventReminders(db, now, origin),
		sachstand: writeSachstandDue(db, now, origin),
		digests: writeDigests(db, now, origin)
	};
	const delivered = await deliverQueued(db);
	return { ...written, ...delivered };
}

/** Where links in scheduled messages point: `ORIGIN` (as adapter-node reads it). */
export function appOrigin(env = process.env) {
	return (env.ORIGIN || 'http://localhost:3000').replace(/\/+$/, '');
}

/**
 * The in-process scheduler: a run a minute after start (so a restart catches up at once), then
 * every hour; the dedupe keys make each message once a day at most. Stops on shutdown.
 */
export function scheduleNotifications(db: Db) {
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const plan = (delayMs: number) => {
		timer = setTimeout(async () => {
			try {
				const result = await runScheduledNotifications(db);
				const total = Object.values(result).reduce((a, b) => a + b, 0);
				if (total > 0) console.log('notify: %j', result);
			} catch (error) {
				console.error('notify: scheduled run failed: %s', error);
			}
			if (!stopped) plan(hourMs);
		}, delayMs);
		timer.unref();
	};
	plan(60_000);
	process.once('sveltekit:shutdown', () => {
		stopped = true;
		clearTimeout(timer);
	});
}
