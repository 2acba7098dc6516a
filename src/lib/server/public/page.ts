import type { Db } from '../db';
import type * as table from '../db/schema';
import { indicatorsByGoal } from '../concept/goal-indicators';
import { listCatalogue } from '../concept/measures';
import { listEvents } from '../events/events';
import { listFields, listGuidelines } from '../process/fields';
import { currentPhase, listPhases, withStates } from '../process/phases';
import { maxCommentLength } from './comment-form';
import { commentPeriodOf, draftTargets, isOpenOn, publishedComments } from './comments';
import { partyLabel } from '../../measure-values';
import { adoptedConcept, goalAim } from './concept';
import { listPublishedMinutes } from './minutes';
import { publicWorkshopResults } from './results';

/** What the public page of a process shows on `today`, in a fixed number of queries. */
export function publicProcessPage(db: Db, process: table.Process, today: string) {
	const phases = listPhases(db, process.id);
	const period = commentPeriodOf(db, process.id);
	const periodOpen = isOpenOn(period, today);
	const adopted = adoptedConcept(db, process.id, today);
	const comments = Object.fromEntries(publishedComments(db, process.id));
	// The draft is shown while the public may comment on it, and after, with its answers, until a
	// version is adopted.
	const showDraft = periodOpen || (period !== undefined && adopted === null);
	const indicators = indicatorsByGoal(db, process.id);
	return {
		process: {
			title: process.title,
			description: process.description,
			status: process.status
		},
		phases: withStates(phases, today),
		currentPhaseId: currentPhase(phases, today).current?.id ?? null,
		fields: listFields(db, process.id).map(({ id, code, title, description }) => ({
			id,
			code,
			title,
			description
		})),
		guidelines: listGuidelines(db, process.id).map(({ id, title, description }) => ({
			id,
			title,
			description
		})),
		events: listEvents(db, process.id, { publicOnly: true, from: `${today}T00:00` }).map(
			({ event, bodyName }) => ({
				id: event.id,
				title: event.title,
				description: event.description,
				place: event.place,
				startsAt: event.startsAt,
				endsAt: event.endsAt,
				datePrecision: event.datePrecision,
				bodyName
			})
		),
		today,
		results: publicWorkshopResults(db, process.id),
		minutes: listPublishedMinutes(db, process.id),
		adopted,
		period: period
			? { opensOn: period.opensOn, closesOn: period.closesOn, open: periodOpen }
			: null,
		draft: showDraft
			? listCatalogue(db, process.id).map(({ field, goals, measures }) => ({
					key: `field:${field.id}`,
					code: field.code,
					title: field.title,
					description: field.description,
					goals: goals.map((goal) =>
						goalAim({ title: goal.title, indicators: indicators.get(goal.id) })
					),
					measures: measures.map((measure) => ({
						key: `measure:${measure.id}`,
						number: measure.number,
						title: measure.title,
						description: measure.description,
						lead: partyLabel(measure.lead),
						timeframe: measure.timeframe,
						status: null
					}))
				}))
			: null,
		targets: periodOpen ? draftTargets(db, process.id) : [],
		comments,
		maxCommentLength
	};
}
