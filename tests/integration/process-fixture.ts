/**
 * A process with one row of everything a process holds, every text chosen by the caller: a
 * marker to find leaks, or hostile text to check the exports. Written with the domain functions
 * straight into the database, so the text is stored as given, as rows from before the edge
 * cleaned text would be.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import * as table from '../../src/lib/server/db/schema';
import { addMember as addBodyMember, createBody } from '../../src/lib/server/bodies/bodies';
import { addAttachment } from '../../src/lib/server/attachments/attachments';
import { addComment } from '../../src/lib/server/concept/comments';
import { addGoal, createMeasure } from '../../src/lib/server/concept/measures';
import { createProject } from '../../src/lib/server/concept/projects';
import { saveVersion } from '../../src/lib/server/concept/versions';
import { addAgendaItem, addGuest, createEvent } from '../../src/lib/server/events/events';
import {
	addItem,
	draftMinutes,
	updateItemNotes,
	updateSummary
} from '../../src/lib/server/minutes/minutes';
import { addIndicator, recordIndicatorValue } from '../../src/lib/server/monitoring/indicators';
import { recordUpdate } from '../../src/lib/server/monitoring/monitoring';
import { saveNarrative } from '../../src/lib/server/monitoring/narratives';
import {
	addField,
	addGuideline,
	listFields,
	listGuidelines
} from '../../src/lib/server/process/fields';
import { addPhase } from '../../src/lib/server/process/phases';
import { createProcess } from '../../src/lib/server/process/processes';
import { todayIn } from '../../src/lib/server/time';
import { createActivity } from '../../src/lib/server/workshop/activities';
import {
	addOption,
	addQuestion,
	createQuestionnaire,
	listQuestions,
	moveQuestionnaire
} from '../../src/lib/server/needs/questionnaires';
import { submitResponse } from '../../src/lib/server/needs/responses';
import { ensureJoinCode } from '../../src/lib/server/workshop/participants';

export interface ProcessFixture {
	process: table.Process;
	phaseId: number;
	fieldId: number;
	guidelineId: number;
	bodyId: number;
	bodyMemberId: number;
	eventId: number;
	agendaItemId: number;
	attendeeId: number;
	joinCode: string;
	activityId: number;
	ideaIds: number[];
	clusterId: number;
	goalId: number;
	indicatorId: number;
	measureId: number;
	minutesId: number;
	minutesItemId: number;
	commentId: number;
	versionId: number;
	/** A public PDF attached to the process. */
	attachmentId: number;
	/** An open questionnaire of the needs analysis with one single-choice question, answered once. */
	questionnaireId: number;
	questionnaireCode: string;
	questionId: number;
	optionIds: number[];
}

/** `text(what)` gives the text for each field, `what` naming the field. */
export function seedProcess(
	db: Db,
	organisation: { id: number; name: string },
	author: { id: number; name: string },
	text: (what: string) => string
): ProcessFixture {
	const created = createProcess(db, {
		organisationId: organisation.id,
		title: text('process title'),
		description: text('process description'),
		template: 'empty',
		startsOn: '2026-01-01'
	});
	const process = db
		.update(table.process)
		.set({ isPublic: true })
		.where(eq(table.process.id, created.id))
		.returning()
		.get();
	const phase = addPhase(db, process.id, {
		title: text('phase title'),
		description: text('phase description'),
		startsOn: '2026-01-01',
		endsOn: '2030-12-31',
		statusOverride: 'active'
	});
	addField(db, process.id, {
		code: '1',
		title: text('field title'),
		description: text('field description')
	});
	const fieldId = listFields(db, process.id)[0]!.id;
	addGuideline(db, process.id, {
		title: text('guideline title'),
		description: text('guideline description')
	});
	const guidelineId = listGuidelines(db, process.id)[0]!.id;
	const body = createBody(db, process.id, {
		kind: 'steering_group',
		name: text('body name'),
		description: text('body description'),
		fieldOfActionId: fieldId,
		isPublic: true
	});
	const bodyMember = addBodyMember(db, body.id, {
		name: text('body member name'),
		affiliation: text('body member affiliation'),
		function: 'member',
		category: null,
		userId: null
	});
	if (!bodyMember) throw new Error('a member without an account always joins a body');
	const event = createEvent(db, process.id, {
		title: text('event title'),
		description: text('event description'),
		place: text('event place'),
		startsAt: '2030-03-01T17:00',
		endsAt: '2030-03-01T20:00',
		isPublic: true,
		status: 'live',
		bodyId: body.id,
		phaseId: phase.id
	});
	addAgendaItem(db, event.id, {
		title: text('agenda title'),
		description: text('agenda description')
	});
	const agendaItemId = db
		.select({ id: table.agendaItem.id })
		.from(table.agendaItem)
		.where(eq(table.agendaItem.eventId, event.id))
		.get()!.id;
	addGuest(db, event.id, {
		name: text('guest name'),
		affiliation: text('guest affiliation'),
		category: null
	});
	const attendeeId = db
		.select({ id: table.eventAttendee.id })
		.from(table.eventAttendee)
		.where(eq(table.eventAttendee.eventId, event.id))
		.get()!.id;
	const joinCode = ensureJoinCode(db, event.id);
	const activity = createActivity(db, event.id, {
		question: text('activity question'),
		fieldOfActionId: fieldId,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: true,
		liveResults: false
	});
	const cluster = db
		.insert(table.cluster)
		.values({ activityId: activity.id, title: text('cluster title'), position: 1 })
		.returning()
		.get();
	const ideaIds = [text('idea'), text('clustered idea')].map(
		(ideaText, i) =>
			db
				.insert(table.idea)
				.values({
					activityId: activity.id,
					text: ideaText,
					language: 'de',
					clusterId: i === 1 ? cluster.id : null
				})
				.returning()
				.get().id
	);
	db.update(table.activity)
		.set({ stage: 'closed' })
		.where(eq(table.activity.id, activity.id))
		.run();
	const goal = addGoal(db, process.id, fieldId, {
		title: text('goal title')
	})!;
	const project = createProject(
		db,
		process.id,
		{
			title: text('project title'),
			description: text('project description'),
			lead: text('project lead')
		},
		[]
	);
	if (!project.ok) throw new Error('The fixture project was refused.');
	const measure = createMeasure(db, process.id, {
		fieldOfActionId: fieldId,
		goalId: goal.id,
		guidelineIds: [guidelineId],
		projectId: project.project.id,
		title: text('measure title'),
		description: text('measure description'),
		lead: text('measure lead'),
		parties: {
			addressees: ['kommunen', text('measure addressee')],
			partners: [text('measure partner')]
		},
		timeframe: 'period',
		periodStart: 2026,
		periodEnd: 2027,
		costCents: 1_250_000,
		costKind: 'per_year',
		costYears: [{ year: 2026, cents: 1_000_000 }],
		budgetReservation: true,
		costEstimate: text('measure cost estimate'),
		funding: 'application',
		fundingName: text('measure funding name'),
		priority: 'high',
		status: 'adopted',
		plannedYear: 2026
	})!;
	recordUpdate(
		db,
		process.id,
		measure.id,
		{
			recordedOn: todayIn(),
			status: 'in_implementation',
			note: text('update note'),
			percentDone: 10,
			spentCents: 123_456
		},
		{ name: author.name }
	);
	const indicator = addIndicator(db, process.id, goal.id, {
		name: text('indicator name'),
		unit: text('indicator unit'),
		baselineValue: 10,
		baselineOn: '2025-01-01',
		targetValue: 50,
		targetOn: '2030-12-31'
	})!;
	recordIndicatorValue(
		db,
		process.id,
		indicator.id,
		{ measuredOn: todayIn(), value: 20, note: text('indicator value note') },
		{ name: author.name }
	);
	// For the report's default period, this year up to today.
	saveNarrative(
		db,
		process.id,
		{
			fieldId,
			from: `${todayIn().slice(0, 4)}-01-01`,
			to: todayIn(),
			text: text('field narrative')
		},
		{ name: author.name }
	);
	const minutes = draftMinutes(db, event.id);
	updateSummary(db, event.id, minutes.id, text('minutes summary'));
	addItem(db, event.id, minutes.id, {
		kind: 'decision',
		title: text('minutes decision'),
		owner: '',
		dueOn: null
	});
	addItem(db, event.id, minutes.id, {
		kind: 'task',
		title: text('minutes task'),
		owner: text('minutes task owner'),
		dueOn: null
	});
	const items = db
		.select({ id: table.minutesItem.id, kind: table.minutesItem.kind })
		.from(table.minutesItem)
		.where(eq(table.minutesItem.minutesId, minutes.id))
		.all();
	for (const item of items) {
		updateItemNotes(db, event.id, minutes.id, item.id, text(`minutes ${item.kind} notes`));
	}
	const comment = addComment(db, process.id, author, 'introduction', text('comment'))!;
	const version = saveVersion(
		db,
		process,
		organisation.name,
		{ introduction: text('concept introduction'), note: text('concept note') },
		author
	);
	const attachment = addAttachment(
		db,
		process.id,
		{ kind: 'process' },
		{
			title: text('attachment title'),
			fileName: `${text('attachment file name')}.pdf`,
			content: new TextEncoder().encode(`%PDF-1.4\n${text('attachment content')}\n%%EOF\n`),
			isPublic: true
		},
		author
	);
	if (!attachment.ok) throw new Error(`attachment refused: ${attachment.reason}`);
	const questionnaire = createQuestionnaire(db, process.id, {
		title: text('questionnaire title'),
		intro: text('questionnaire intro')
	});
	addQuestion(db, questionnaire, {
		kind: 'single',
		text: text('questionnaire question'),
		textTranslations: { en: text('questionnaire question in English') },
		fieldOfActionId: fieldId
	});
	const questionId = listQuestions(db, questionnaire.id)[0]!.id;
	for (const option of ['first option', 'second option']) {
		addOption(db, questionnaire, questionId, { text: text(option), textTranslations: {} });
	}
	const optionIds = listQuestions(db, questionnaire.id)[0]!.options.map((option) => option.id);
	moveQuestionnaire(db, questionnaire, 'open');
	submitResponse(db, questionnaire.id, {
		category: 'administration',
		source: 'paper',
		locale: 'de',
		answers: [{ questionId, optionId: optionIds[0]!, text: null }]
	});
	return {
		process,
		phaseId: phase.id,
		fieldId,
		guidelineId,
		bodyId: body.id,
		bodyMemberId: bodyMember.id,
		eventId: event.id,
		agendaItemId,
		attendeeId,
		joinCode,
		activityId: activity.id,
		ideaIds,
		clusterId: cluster.id,
		goalId: goal.id,
		indicatorId: indicator.id,
		measureId: measure.id,
		minutesId: minutes.id,
		minutesItemId: items[0]!.id,
		commentId: comment.id,
		versionId: version.id,
		attachmentId: attachment.attachment.id,
		questionnaireId: questionnaire.id,
		questionnaireCode: questionnaire.code,
		questionId,
		optionIds
	};
}
