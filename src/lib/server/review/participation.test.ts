import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/factories';
import * as table from '../db/schema';
import { seedDemo } from '../demo/seed';
import { participationByGroup } from './participation';

describe('participation by stakeholder group', () => {
	it('counts phones and attendance over the process next to the seat plans', async () => {
		const db = createTestDb();
		await seedDemo(db, new Date('2026-11-22T12:00:00Z'));
		const process = db.select().from(table.process).get()!;
		const rows = new Map(participationByGroup(db, process.id).map((row) => [row.category, row]));
		// The demo's finished workshop had twelve phones; the steering group's plan has 19 seats.
		expect([...rows.values()].reduce((sum, row) => sum + row.phones, 0)).toBe(12);
		expect(rows.get('migrant_organisation')).toMatchObject({ phones: 2 });
		expect(rows.get(null)).toMatchObject({ phones: 1, seats: null });
		expect([...rows.values()].reduce((sum, row) => sum + (row.seats ?? 0), 0)).toBe(19);
	});
});
