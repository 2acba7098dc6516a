import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { createMeasure, type MeasureInput } from '../concept/measures';
import { createEvent } from '../events/events';
import {
	addItem,
	approveMinutes,
	draftMinutes,
	submitMinutes,
	updateSummary
} from '../minutes/minutes';
import {
	addPublicComment,
	answerComment,
	publishComment,
	setCommentPeriod
} from '../public/comments';
import { todayIn } from '../time';
import { createActivity, moveToStage } from '../workshop/activities';
import { submitIdea } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import { placeDot } from '../workshop/votes';

const groups: (table.StakeholderCategory | null)[] = [
	'civil_society',
	'civil_society',
	'civil_society',
	'civil_society',
	'civil_society',
	'volunteers',
	'volunteers',
	'migrant_organisation',
	'administration',
	null
];

const ideas: [string, string][] = [
	['Sportvereine öffnen Probetrainings für Neuzugewanderte', 'de'],
	['Stadtteilfest mit Küchen aus aller Welt', 'de'],
	['Ücretsiz yüzme kursları', 'tr'],
	['Leseclub in der Stadtbibliothek', 'de']
];

const measureBase: Omit<MeasureInput, 'fieldOfActionId' | 'title' | 'description'> = {
	goalId: null,
	lead: 'Amt für Sport und Freizeit',
	parties: { addressees: ['zugewanderte'], partners: ['Sportvereine'] },
	timeframe: 'short',
	periodStart: null,
	periodEnd: null,
	costCents: null,
	costKind: 'one_off',
	costYears: [],
	budgetReservation: false,
	costEstimate: '',
	funding: 'open',
	fundingName: '',
	priority: 'medium',
	status: 'proposed',
	plannedYear: null
};

/**
 * What the public sees of the demo process: a public citizens' workshop four weeks back with
 * revealed results and approved minutes, and an open public comment period on the draft with
 * two answered comments on measures of the field "Freizeit".
 */
export function seedPublicParticipation(
	db: Db,
	processId: number,
	approver: { id: number; name: string },
	now: Date
) {
	const day = (days: number) => todayIn(undefined, new Date(now.getTime() + days * 86_400_000));
	const field = db
		.select()
		.from(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.processId, processId), eq(table.fieldOfAction.code, '4')))
		.get();
	if (!field) return;
	const event = createEvent(db, processId, {
		title: 'Bürgerwerkstatt Zusammenleben',
		description: 'Offene Werkstatt für alle: Ideen für Freizeit, Sport und Nachbarschaft.',
		place: 'Haus der Jugend',
		startsAt: `${day(-28)}T18:00`,
		endsAt: `${day(-28)}T20:30`,
		isPublic: true,
		status: 'closed',
		bodyId: null,
		phaseId: null
	});
	let activity = createActivity(db, event.id, {
		question: 'Wie finden Neuzugewanderte in Freizeit und Nachbarschaft Anschluss?',
		fieldOfActionId: field.id,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
	const phones = groups.map(
		(category, i) =>
			joinEvent(db, event.id, { displayName: null, category, locale: i === 7 ? 'tr' : 'de' })
				.participant
	);
	const stored = ideas.map(([text, language], i) => {
		const result = submitIdea(db, activity, {
			participantId: phones[i]!.id,
			clientId: `public-demo-${i}`,
			text,
			language
		});
		if (!result.ok) throw new Error(`demo idea refused: ${result.error}`);
		return result.value.idea;
	});
	const advance = (stage: table.ActivityStage) => {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(`demo workshop cannot move to ${stage}`);
		activity = moved.value;
	};
	advance('clustering');
	advance('voting');
	// A fixed pattern, so the demo always ranks the same way: the sports clubs first.
	const choices = [0, 0, 1, 0, 2, 1, 3, 0, 2, 1];
	phones.forEach((phone, p) => {
		for (let dot = 0; dot < 3; dot++) {
			const idea = stored[choices[(p + dot * 3) % choices.length]!]!;
			placeDot(db, activity, phone.id, `public-demo-${p}-${dot}`, { kind: 'idea', id: idea.id });
		}
	});
	advance('revealed');
	advance('closed');
	const minutes = draftMinutes(db, event.id);
	updateSummary(
		db,
		event.id,
		minutes.id,
		'Rund vierzig Menschen aus den Stadtteilen sammelten Ideen für Freizeit und Nachbarschaft. Am meisten Unterstützung fanden offene Probetrainings der Sportvereine.'
	);
	addItem(db, event.id, minutes.id, {
		kind: 'decision',
		title: 'Die Ideen gehen als Vorschläge in das Handlungsfeld Freizeit des Konzeptentwurfs ein.',
		owner: '',
		dueOn: null
	});
	submitMinutes(db, event.id, minutes.id);
	approveMinutes(db, event.id, minutes.id, approver);

	const sports = createMeasure(db, processId, {
		...measureBase,
		fieldOfActionId: field.id,
		title: 'Offene Probetrainings in Sportvereinen',
		description:
			'Vereine bieten Neuzugewanderten kostenlose Probetrainings an; die Stadt wirbt dafür.'
	});
	const festival = createMeasure(db, processId, {
		...measureBase,
		fieldOfActionId: field.id,
		title: 'Interkulturelles Stadtteilfest',
		description: 'Ein jährliches Fest, das Vereine und Migrantenorganisationen gemeinsam gestalten.'
	});
	if (!sports || !festival) return;
	setCommentPeriod(db, processId, { opensOn: day(-3), closesOn: day(25) });
	const answered: [number, string, string, table.PublicCommentVerdict, string][] = [
		[
			sports.id,
			'Turnverein Queichheim',
			'Bitte auch Angebote nur für Frauen, mit Trainerinnen.',
			'adopted',
			'Wird aufgenommen: Die Maßnahme nennt nun ausdrücklich Angebote für Frauen und Mädchen.'
		],
		[
			festival.id,
			'',
			'Das Fest sollte in jedem Stadtteil stattfinden, nicht nur in der Innenstadt.',
			'partly_adopted',
			'Das Fest wechselt jedes Jahr den Stadtteil; in jedem Stadtteil zugleich ist es nicht zu finanzieren.'
		]
	];
	for (const [measureId, authorName, body, verdict, answer] of answered) {
		const added = addPublicComment(
			db,
			processId,
			{ target: { kind: 'measure', id: measureId }, authorName, body },
			day(0)
		);
		if (!added.ok) continue;
		publishComment(db, processId, added.comment.id, approver);
		answerComment(db, processId, added.comment.id, { verdict, answer }, approver);
	}
}
