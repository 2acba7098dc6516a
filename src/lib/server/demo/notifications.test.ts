import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/factories';
import * as table from '../db/schema';
import { listOutbox } from '../notify/outbox';
import { runScheduledNotifications } from '../notify/schedule';
import { waitingFor } from '../notify/waiting';
import { seedDemo } from './seed';

describe('the demo outbox', () => {
	it('has messages waiting and something on the steering account home page', async () => {
		const db = createTestDb();
		const now = new Date('2026-12-02T08:00:00Z');
		expect(await seedDemo(db, now)).toBe(true);
		const organisation = db.select().from(table.organisation).get()!;
		const outbox = listOutbox(db, organisation.id);
		expect(new Set(outbox.map((message) => message.kind))).toEqual(
			new Set(['approval_waiting', 'event_invitation', 'measure_comment', 'sachstand_due'])
		);
		expect(outbox.find((message) => message.kind === 'event_invitation')?.ics).toContain(
			'BEGIN:VEVENT'
		);
		const steering = db
			.select()
			.from(table.user)
			.where(eq(table.user.email, 'steuerung@landau.example'))
			.get()!;
		const [items] = waitingFor(db, steering.id, now);
		expect(items!.approvals.length).toBeGreaterThan(0);
		expect(items!.sachstand.length).toBeGreaterThan(0);
		expect(items!.comments.length).toBeGreaterThan(0);
		expect(items!.events.length).toBeGreaterThan(0);
		// The scheduler's first run after the seed finds nothing to write twice.
		expect(await runScheduledNotifications(db, now, 'http://localhost:3000')).toMatchObject({
			sachstand: 0
		});
	});
});
