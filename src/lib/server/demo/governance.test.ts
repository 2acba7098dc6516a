import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/factories';
import * as table from '../db/schema';
import { approvalView } from '../minutes/approval';
import { processRoleOf } from '../organisations/process-members';
import { demoExternalModerator, demoGovernanceProcess } from './governance';
import { seedDemo } from './seed';

describe('the demo of approvals and roles per process', () => {
	it('has minutes with one of two approvals, and a moderator of one process only', async () => {
		const db = createTestDb();
		expect(await seedDemo(db, new Date('2026-12-02T08:00:00Z'))).toBe(true);
		const processes = db.select().from(table.process).all();
		const governed = processes.find((process) => process.title === demoGovernanceProcess)!;
		const event = db
			.select()
			.from(table.event)
			.where(eq(table.event.processId, governed.id))
			.get()!;
		const minutes = db
			.select()
			.from(table.minutes)
			.where(eq(table.minutes.eventId, event.id))
			.get()!;
		expect(minutes.status).toBe('submitted');
		const steering = db
			.select()
			.from(table.user)
			.where(eq(table.user.email, 'steuerung@landau.example'))
			.get()!;
		const view = approvalView(db, governed.id, minutes, {
			id: steering.id,
			name: steering.name,
			role: 'steering_member'
		});
		expect(view).toMatchObject({ rule: 'majority', needed: 2, voters: 2, canApprove: true });
		expect(view.approvals).toHaveLength(1);

		const moderator = db
			.select()
			.from(table.user)
			.where(eq(table.user.email, demoExternalModerator.email))
			.get()!;
		for (const process of processes) {
			expect(processRoleOf(db, moderator.id, process.id)).toBe(
				process.id === governed.id ? 'moderator' : null
			);
		}
	});
});
