import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { adoptionResults } from '../../domain';
import type { StepInput, StepProblem } from './steps';
import * as field from '../forms/fields';
import { checkbox, id, optionalCount, optionalId, optionalIsoDate } from '../forms/process-fields';

/** The most seats a body's vote can count (the largest Kreistage have about 100). */
export const maxVotes = 999;

/** A step's note; an import appends to it and stays within it. */
export const noteLimit = 2000;

const isHttps = (text: string) => {
	if (!URL.canParse(text)) return false;
	return new URL(text).protocol === 'https:';
};

/** An OParl address: one line, https only (empty for none). */
export const oparlUrl = v.pipe(
	field.optionalLine(500),
	v.check(
		(text) => text === '' || isHttps(text),
		() => m.council_url_https()
	)
);

export const stepForm = v.object({
	bodyId: optionalId,
	bodyName: field.optionalLine(200),
	meetingOn: optionalIsoDate,
	paperNumber: field.optionalLine(60),
	isPublic: checkbox,
	result: field.choice(adoptionResults),
	votesYes: optionalCount(maxVotes),
	votesNo: optionalCount(maxVotes),
	votesAbstained: optionalCount(maxVotes),
	oparlUrl,
	note: field.optionalText(noteLimit),
	isFinal: checkbox,
	changes: field.optionalText(4000),
	reportDueOn: optionalIsoDate,
	reason: field.optionalLine(500)
});

export const importForm = v.object({
	id,
	url: v.pipe(
		field.requiredLine(500),
		v.check(isHttps, () => m.council_url_https())
	)
});

/** The starter measures ticked on the form (`starter`, once per measure). */
export function startersOf(formData: FormData): number[] | undefined {
	const parsed = v.safeParse(v.array(id), formData.getAll('starter'));
	return parsed.success ? parsed.output : undefined;
}

export function stepInputOf(
	data: v.InferOutput<typeof stepForm>,
	starterMeasureIds: number[]
): StepInput {
	const { reason, ...step } = data;
	return { ...step, starterMeasureIds };
}

/** A refusal of the domain, in the reader's words. */
export function stepProblemMessage(problem: StepProblem): string {
	switch (problem) {
		case 'not_found':
			return m.error_not_found();
		case 'frozen':
			return m.council_problem_frozen();
		case 'reason_required':
			return m.council_problem_reason_required();
		case 'meeting_day':
			return m.council_problem_meeting_day();
		case 'votes':
			return m.council_problem_votes();
		case 'body':
			return m.council_problem_body();
		case 'decision_locked':
			return m.council_problem_decision_locked();
		case 'other_adopted':
			return m.council_problem_other_adopted();
		case 'starters':
			return m.council_problem_starters();
		case 'decided':
			return m.council_problem_decided();
	}
}
