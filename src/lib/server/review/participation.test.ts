import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import type { StakeholderCategory } from '../../domain';
import { addMember, createBody, setSeatPlan } from '../bodies/bodies';
import { addGuest, createEvent, setMemberAttendance } from '../events/events';
import { joinEvent } from '../workshop/participants';
import { participationByGroup } from './participation';

describe('participation by stakeholder group', () => {
	it('counts phones and attendance over the process next to the seat plans', () => {
		const db = createTestDb();
		const organisation = createTestOrganisation(db);
		const { process, event: workshop } = createTestEvent(db, organisation.id);
		const join = (eventId: number, category: StakeholderCategory | null) =>
			joinEvent(db, eventId, { displayName: null, category, locale: 'de' });
		for (const category of ['migrant_organisation', 'migrant_organisation', 'business', null]) {
			join(workshop.id, category as StakeholderCategory | null);
		}

		const steering = createBody(db, process.id, {
			kind: 'steering_group',
			name: 'Steuerungsgruppe',
			description: '',
			fieldOfActionId: null,
			isPublic: false
		});
		setSeatPlan(db, steering.id, {
			maxMembers: 9,
			seats: { politics: 4, migrant_organisation: 5 }
		});
		const member = (name: string, category: StakeholderCategory) =>
			addMember(db, steering.id, {
				name,
				affiliation: '',
				function: 'member',
				category,
				userId: null
			})!;
		const present = [member('Rat A', 'politics'), member('Beirat B', 'migrant_organisation')];
		member('Rat C', 'politics');
		const meeting = createEvent(db, process.id, {
			title: 'Sitzung',
			description: '',
			place: '',
			startsAt: '2026-04-01T17:00',
			endsAt: '2026-04-01T19:00',
			isPublic: false,
			status: 'closed',
			bodyId: steering.id,
			phaseId: null
		});
		setMemberAttendance(
			db,
			meeting,
			present.map((m) => m.id)
		);
		addGuest(db, meeting.id, { name: 'Gast', affiliation: 'Kammer', category: 'business' });

		// Another process of the same organisation counts for itself.
		const other = createTestEvent(db, organisation.id, 'Fachkonferenz Wohnen');
		join(other.event.id, 'politics');

		const rows = new Map(participationByGroup(db, process.id).map((row) => [row.category, row]));
		expect(rows.get('migrant_organisation')).toEqual({
			category: 'migrant_organisation',
			attendees: 1,
			phones: 2,
			seats: 5
		});
		expect(rows.get('politics')).toMatchObject({ attendees: 1, phones: 0, seats: 4 });
		expect(rows.get('business')).toMatchObject({ attendees: 1, phones: 1, seats: 0 });
		expect(rows.get(null)).toMatchObject({ attendees: 0, phones: 1, seats: null });
		// Groups with nobody and no seats are left out.
		expect(rows.has('volunteers')).toBe(false);
		expect(rows.size).toBe(4);
	});

	it('counts a sub-group’s seats once, under the sub-group', () => {
		const db = createTestDb();
		const { process } = createTestEvent(db, createTestOrganisation(db).id);
		const steering = createBody(db, process.id, {
			kind: 'steering_group',
			name: 'Prozesssteuerungsgruppe',
			description: '',
			fieldOfActionId: null,
			isPublic: false
		});
		expect(
			setSeatPlan(db, steering.id, {
				maxMembers: 19,
				seats: {
					politics: 6,
					administration: 6,
					civil_society: 7,
					welfare: 2,
					migrant_organisation: 1
				},
				parents: { welfare: 'civil_society', migrant_organisation: 'civil_society' }
			})
		).toBeNull();
		const seats = Object.fromEntries(
			participationByGroup(db, process.id).map((row) => [row.category, row.seats])
		);
		expect(seats).toEqual({
			politics: 6,
			administration: 6,
			civil_society: 4,
			migrant_organisation: 1,
			welfare: 2
		});
	});
});
