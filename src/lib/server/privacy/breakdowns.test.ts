import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import { seedVotedWorkshop } from '../../../../tests/workshop-factory';
import { adoptResult, provenanceOf } from '../concept/adopt';
import * as table from '../db/schema';
import { currentMinutes, draftMinutes } from '../minutes/minutes';
import { addField, listFields } from '../process/fields';
import { reviewResults } from '../review/dashboard';
import { combinedSupport, linkAsTopic } from '../review/topics';
import { rankedResults } from '../workshop/votes';

/** Five from the administration and one politician, who alone voted for the job café. */
function workshopWithAGroupOfOne() {
	const db = createTestDb();
	const { process, event } = createTestEvent(db, createTestOrganisation(db).id);
	const workshop = seedVotedWorkshop(
		db,
		event.id,
		[
			'administration',
			'administration',
			'administration',
			'administration',
			'administration',
			'politics'
		],
		[5]
	);
	return { db, process, event, ...workshop };
}

describe('results by group with a group of one', () => {
	it('show no group the total would give away', () => {
		const { db, activity } = workshopWithAGroupOfOne();
		const results = rankedResults(db, activity.id, 5);
		expect(results.map((r) => [r.label, r.dots, r.voters])).toEqual([
			['Sprachcafé', 10, 5],
			['Jobcafé', 2, 1]
		]);
		// Administration 5 and politics 1: shown alone, the administration's figures would show
		// the politician's vote as the difference to the total, so nothing is broken down.
		expect(results.map((r) => r.byCategory)).toEqual([[], []]);
		// With the minimum at one, every group shows.
		expect(rankedResults(db, activity.id, 1)[1]!.byCategory).toEqual([
			{ category: 'politics', dots: 2, voters: 1 }
		]);
	});

	it('are merged in topics across workshops, and in the review', () => {
		const { db, process, activity, ideas } = workshopWithAGroupOfOne();
		const items = ideas.map((idea) => ({
			activityId: activity.id,
			kind: 'idea' as const,
			id: idea.id
		}));
		expect(combinedSupport(db, items, 5).byCategory).toEqual([]);
		expect(combinedSupport(db, items, 1).byCategory).toEqual(
			expect.arrayContaining([{ category: 'politics', dots: 2, voters: 1 }])
		);
		const none = { fieldId: null, eventId: null, phaseId: null };
		for (const item of reviewResults(db, process.id, none, 5)) {
			expect(item.byCategory).toEqual([]);
			expect(item.breadth).toBeNull();
		}
		linkAsTopic(db, process.id, 'Begegnung', items);
		expect(reviewResults(db, process.id, none, 5)[0]!.byCategory).toEqual([]);
	});

	it('are merged in minutes and measures stored before the rule, when read', async () => {
		const { db, process, event, activity, ideas } = workshopWithAGroupOfOne();
		const unprotected = rankedResults(db, activity.id, 1);
		// Minutes as drafted before: every group, and no minimum recorded.
		db.insert(table.minutes)
			.values({
				eventId: event.id,
				revision: 1,
				attendees: [],
				results: {
					activities: [
						{
							activityId: activity.id,
							question: activity.question,
							results: unprotected.map((r) => ({
								label: r.label,
								kind: r.target.kind,
								targetId: r.target.id,
								ideas: [],
								dots: r.dots,
								voters: r.voters,
								byCategory: r.byCategory
							}))
						}
					]
				}
			})
			.run();
		expect(unprotected[1]!.byCategory).toEqual([{ category: 'politics', dots: 2, voters: 1 }]);
		const [stored] = currentMinutes(db, event.id)!.minutes.results.activities;
		expect(stored!.results.map((r) => r.byCategory)).toEqual([[], []]);

		const user = await createTestUser(db);
		addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
		const measure = adoptResult(
			db,
			process.id,
			user.id,
			{ activityId: activity.id, target: { kind: 'idea', id: ideas[1]!.id } },
			{
				create: {
					fieldOfActionId: listFields(db, process.id)[0]!.id,
					goalId: null,
					title: 'Jobcafé',
					description: '',
					lead: '',
					timeframe: 'short',
					costEstimate: '',
					funding: 'open',
					priority: 'medium',
					status: 'proposed'
				}
			}
		)!;
		expect(provenanceOf(db, measure.id).sources[0]!.breakdown).toEqual([]);
		// A source stored before the rule, with the politician on their own.
		db.update(table.measureSource)
			.set({ breakdown: [{ category: 'politics', dots: 2, voters: 1 }], groupsMerged: false })
			.where(eq(table.measureSource.measureId, measure.id))
			.run();
		expect(provenanceOf(db, measure.id).sources[0]!.breakdown).toEqual([]);
	});

	it('are left out of new minutes', () => {
		const { db, event } = workshopWithAGroupOfOne();
		draftMinutes(db, event.id);
		const [activity] = currentMinutes(db, event.id)!.minutes.results.activities;
		expect(activity!.results.map((r) => r.byCategory)).toEqual([[], []]);
	});
});
