/**
 * The needs analysis (Bedarfsanalyse): a questionnaire at the start of a process, answered
 * anonymously on phones or entered from paper forms. Shared by the server and the browser.
 */
export const questionnaireStatuses = ['draft', 'open', 'closed'] as const;
export type QuestionnaireStatus = (typeof questionnaireStatuses)[number];

export const questionKinds = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const responseSources = ['phone', 'paper'] as const;
export type ResponseSource = (typeof responseSources)[number];

/** Kinds answered by choosing options; a scale's points are its options, lowest first. */
export const choiceKinds: readonly QuestionKind[] = ['single', 'multiple', 'scale'];
export const hasOptions = (kind: QuestionKind) => choiceKinds.includes(kind);

export const needsLimits = {
	title: 160,
	intro: 2000,
	question: 500,
	option: 200,
	answer: 2000,
	questions: 60,
	options: 20,
	/** A new scale gets this many points (1 to 5); staff may add or remove points while a draft. */
	scalePoints: 5
} as const;

/** Where staff may move a questionnaire from each status. */
export const questionnaireTransitions: Record<QuestionnaireStatus, QuestionnaireStatus[]> = {
	draft: ['open'],
	open: ['closed'],
	closed: ['open']
};

/** The name of the cookie that tells a phone has answered a questionnaire. */
export const answeredCookieName = (questionnaireId: number) => `needs_answered_${questionnaireId}`;
