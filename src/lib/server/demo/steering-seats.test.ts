import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/factories';
import { getSeatPlan, listBodies, listMembers } from '../bodies/bodies';
import { seatPlanStatus } from '../bodies/seat-plan';
import * as table from '../db/schema';
import { seedDemo } from './seed';

describe('the demo steering group', () => {
	it('shows Landau’s 6/6/7 seats, civil society split into sub-groups, with deputies and contacts', async () => {
		const db = createTestDb();
		expect(await seedDemo(db, new Date('2026-12-02T08:00:00Z'))).toBe(true);
		const process = db.select().from(table.process).get()!;
		const steering = db
			.select()
			.from(table.body)
			.where(and(eq(table.body.processId, process.id), eq(table.body.kind, 'steering_group')))
			.all();
		expect(steering).toHaveLength(1);
		const plan = getSeatPlan(db, steering[0]!);
		const members = listMembers(db, steering[0]!.id);
		const status = seatPlanStatus(plan, members);
		expect(status.total).toMatchObject({ max: 19, planned: 19 });
		const civil = status.categories.find((c) => c.category === 'civil_society')!;
		expect(civil).toMatchObject({ seats: 7, childSeats: 7 });
		expect(civil.filled).toBe(
			members.filter(
				(m) => m.category && m.category !== 'politics' && m.category !== 'administration'
			).length
		);
		expect(
			plan.seats.filter((s) => s.parentCategory === 'civil_society').map((s) => s.category)
		).toContain('religious_community');
		expect(status.broken).toBe(false);
		expect(members.every((m) => m.deputy !== '' && m.contact.endsWith('.example'))).toBe(true);
		// The template's other bodies are there once, the council named as the city calls it.
		expect(
			listBodies(db, process.id)
				.filter((b) => b.kind === 'council')
				.map((b) => b.name)
		).toEqual(['Stadtrat']);
	});
});
