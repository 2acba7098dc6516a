import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	maxClientIdLength,
	maxClusterTitleLength,
	maxIdeaLength,
	maxQuestionLength
} from './limits';
import { isMessageName, messages, socketAuth } from './messages';

const accepts = (schema: v.GenericSchema, input: unknown) => v.safeParse(schema, input).success;

const validIdea = { activityId: 1, clientId: 'a1b2c3', text: 'Mehr Sprachcafés', language: 'de' };
const validDot = { activityId: 1, clientId: 'c0ffee', target: { kind: 'idea', id: 2 } };
const validActivity = {
	question: 'Was braucht es, damit Geflüchtete eine Wohnung finden?',
	fieldOfActionId: null,
	dotsPerParticipant: 5,
	maxDotsPerTarget: 2,
	namedIdeas: false,
	liveResults: false
};

/** Everything that is not a positive safe integer, though some of it would coerce to one. */
const notIds: [string, unknown][] = [
	['a numeric string', '1'],
	['a padded hex string', ' 0x1 '],
	['true', true],
	['false', false],
	['an array', [1]],
	['a float', 1.5],
	['zero', 0],
	['a negative number', -1],
	['null', null],
	['NaN', Number.NaN],
	['Infinity', Number.POSITIVE_INFINITY],
	['an unsafe integer', 2 ** 53],
	['an object', { id: 1 }]
];

describe('ids in messages', () => {
	for (const [what, value] of notIds) {
		it(`refuse ${what}`, () => {
			expect(accepts(messages['activity:sync'], { activityId: value })).toBe(false);
			expect(accepts(messages['idea:submit'], { ...validIdea, activityId: value })).toBe(false);
			expect(accepts(messages['idea:hide'], { activityId: 1, ideaId: value, hidden: true })).toBe(
				false
			);
			expect(
				accepts(messages['dot:place'], { ...validDot, target: { kind: 'idea', id: value } })
			).toBe(false);
			expect(
				accepts(messages['cluster:create'], { activityId: 1, title: 'Wohnen', ideaIds: [1, value] })
			).toBe(false);
		});
	}

	it('accept positive safe integers', () => {
		expect(accepts(messages['activity:sync'], { activityId: 1 })).toBe(true);
		expect(accepts(messages['activity:sync'], { activityId: Number.MAX_SAFE_INTEGER })).toBe(true);
		expect(accepts(messages['idea:move'], { activityId: 1, ideaId: 2, clusterId: null })).toBe(
			true
		);
		expect(accepts(messages['idea:move'], { activityId: 1, ideaId: 2, clusterId: 3 })).toBe(true);
	});
});

describe('booleans in messages', () => {
	it('refuse strings and numbers that would coerce', () => {
		for (const hidden of ['true', 1, 0, null]) {
			expect(accepts(messages['idea:hide'], { activityId: 1, ideaId: 2, hidden })).toBe(false);
		}
		expect(accepts(messages['activity:create'], { ...validActivity, liveResults: 'false' })).toBe(
			false
		);
	});

	it('accept true and false', () => {
		expect(accepts(messages['idea:hide'], { activityId: 1, ideaId: 2, hidden: true })).toBe(true);
		expect(accepts(messages['idea:hide'], { activityId: 1, ideaId: 2, hidden: false })).toBe(true);
	});
});

describe('message shapes', () => {
	it('refuse extra keys, at the top and in a dot target', () => {
		expect(accepts(messages['event:sync'], { eventId: 1 })).toBe(false);
		expect(accepts(messages['idea:submit'], { ...validIdea, participantId: 'someone-else' })).toBe(
			false
		);
		expect(
			accepts(messages['dot:place'], { ...validDot, target: { kind: 'idea', id: 2, dots: 5 } })
		).toBe(false);
	});

	it('refuse missing keys, non-objects and unknown dot target kinds', () => {
		const { language: _language, ...withoutLanguage } = validIdea;
		expect(accepts(messages['idea:submit'], withoutLanguage)).toBe(false);
		for (const payload of [null, undefined, 'x', 1]) {
			expect(accepts(messages['event:sync'], payload)).toBe(false);
		}
		expect(
			accepts(messages['dot:place'], { ...validDot, target: { kind: 'measure', id: 2 } })
		).toBe(false);
	});

	it('accept the valid form of every message', () => {
		const valid: { [E in keyof typeof messages]: unknown } = {
			'event:sync': {},
			'activity:sync': { activityId: 1 },
			'activity:create': validActivity,
			'activity:stage': { activityId: 1, stage: 'voting' },
			'activity:translate': { activityId: 1, translations: { uk: 'Що потрібно?' } },
			'idea:submit': validIdea,
			'idea:hide': { activityId: 1, ideaId: 2, hidden: true },
			'idea:correct': { activityId: 1, ideaId: 2, text: 'Sprachcafés in jeder Gemeinde' },
			'idea:merge': { activityId: 1, ideaId: 2, intoId: 3 },
			'idea:move': { activityId: 1, ideaId: 2, clusterId: null },
			'cluster:create': { activityId: 1, title: 'Sprache', ideaIds: [2, 3] },
			'cluster:rename': { activityId: 1, clusterId: 4, title: 'Sprache & Bildung' },
			'cluster:translate': { activityId: 1, clusterId: 4, translations: { ar: 'اللغة' } },
			'dot:place': validDot,
			'dot:remove': { ...validDot, target: { kind: 'cluster', id: 4 } }
		};
		for (const [name, payload] of Object.entries(valid)) {
			expect(isMessageName(name)).toBe(true);
			if (isMessageName(name)) expect(accepts(messages[name], payload), name).toBe(true);
		}
	});

	it('refuse stages that do not exist', () => {
		expect(accepts(messages['activity:stage'], { activityId: 1, stage: 'archived' })).toBe(false);
	});

	it('know only their own names', () => {
		expect(isMessageName('dot:place')).toBe(true);
		expect(isMessageName('toString')).toBe(false);
		expect(isMessageName('__proto__')).toBe(false);
		expect(isMessageName(1)).toBe(false);
	});
});

describe('typed texts', () => {
	const ideaWith = (text: string) => ({ ...validIdea, text });

	const textOf = (input: unknown) => {
		const parsed = v.safeParse(messages['idea:submit'], input);
		return parsed.success ? parsed.output.text : null;
	};

	it('drop control characters, half emoji and bidi overrides', () => {
		for (const unwanted of ['\u0000', '\u0007', '\u001b', '\u007f', '\ud800', '\u202e']) {
			expect(textOf(ideaWith(`Sprach${unwanted}café`)), JSON.stringify(unwanted)).toBe(
				'Sprachcafé'
			);
		}
		const renamed = v.safeParse(messages['cluster:rename'], {
			activityId: 1,
			clusterId: 2,
			title: 'Wo\u0000hnen\nund Leben'
		});
		expect(renamed.success && renamed.output.title).toBe('Wohnen und Leben');
	});

	it('refuse a text that is nothing but unwanted characters', () => {
		for (const text of ['\u0000', ' \u202e\u0007 ', '\udc00']) {
			expect(accepts(messages['idea:submit'], ideaWith(text)), JSON.stringify(text)).toBe(false);
		}
	});

	it('keep line breaks as LF, tabs, emoji and letters of every script, in NFC', () => {
		expect(textOf(ideaWith('Erstens:\nSprachcafé\r\n\tZweitens:\rPaten\u0085Ende'))).toBe(
			'Erstens:\nSprachcafé\n\tZweitens:\nPaten\nEnde'
		);
		expect(textOf({ ...validIdea, text: 'دروس لغة للأمهات', language: 'ar' })).toBe(
			'دروس لغة للأمهات'
		);
		expect(textOf(ideaWith('👩🏽\u200d🔧 Cafe\u0301'))).toBe('👩🏽\u200d🔧 Café');
	});

	it('trim the text and refuse what is left empty', () => {
		const parsed = v.safeParse(messages['idea:submit'], ideaWith('  Sprachcafé \n'));
		expect(parsed.success && parsed.output.text).toBe('Sprachcafé');
		expect(accepts(messages['idea:submit'], ideaWith(''))).toBe(false);
		expect(accepts(messages['idea:submit'], ideaWith(' \n\t '))).toBe(false);
	});

	it('refuse texts longer than their limit', () => {
		expect(accepts(messages['idea:submit'], ideaWith('x'.repeat(maxIdeaLength)))).toBe(true);
		expect(accepts(messages['idea:submit'], ideaWith('x'.repeat(maxIdeaLength + 1)))).toBe(false);
		const question = (length: number) => ({ ...validActivity, question: 'x'.repeat(length) });
		expect(accepts(messages['activity:create'], question(maxQuestionLength))).toBe(true);
		expect(accepts(messages['activity:create'], question(maxQuestionLength + 1))).toBe(false);
		const title = (length: number) => ({ activityId: 1, clusterId: 2, title: 'x'.repeat(length) });
		expect(accepts(messages['cluster:rename'], title(maxClusterTitleLength))).toBe(true);
		expect(accepts(messages['cluster:rename'], title(maxClusterTitleLength + 1))).toBe(false);
	});

	it('refuse a language that is not a short lower-case code', () => {
		for (const language of ['', 'DE', 'de-DE', 'deutsch', 1]) {
			expect(accepts(messages['idea:submit'], { ...validIdea, language })).toBe(false);
		}
	});
});

describe('clientIds', () => {
	const dotWith = (clientId: unknown) => ({ ...validDot, clientId });

	it('accept word characters and dashes up to the limit', () => {
		expect(accepts(messages['dot:place'], dotWith('a'.repeat(maxClientIdLength)))).toBe(true);
		expect(accepts(messages['dot:place'], dotWith('0f3a-B_9'))).toBe(true);
	});

	it('refuse overlong, empty, non-string and odd-character ids', () => {
		for (const clientId of ['a'.repeat(maxClientIdLength + 1), '', 42, null, 'a b', 'a/b', 'ä']) {
			expect(accepts(messages['dot:place'], dotWith(clientId)), String(clientId)).toBe(false);
		}
	});
});

describe('activity settings', () => {
	it('refuse budgets and caps that are not whole numbers from 1 to 20', () => {
		for (const dots of [0, -1, 1.5, 21, '5']) {
			expect(
				accepts(messages['activity:create'], { ...validActivity, dotsPerParticipant: dots })
			).toBe(false);
			expect(
				accepts(messages['activity:create'], { ...validActivity, maxDotsPerTarget: dots })
			).toBe(false);
		}
		expect(accepts(messages['activity:create'], { ...validActivity, dotsPerParticipant: 20 })).toBe(
			true
		);
	});
});

describe('socketAuth', () => {
	it('accepts nothing (a phone) or an event id (moderator, projector)', () => {
		expect(accepts(socketAuth, {})).toBe(true);
		expect(accepts(socketAuth, { eventId: 3 })).toBe(true);
	});

	it('refuses event ids of any other type, and extra keys', () => {
		for (const eventId of [true, [1], '1', ' 0x1 ', 0, -3, 1.5, null]) {
			expect(accepts(socketAuth, { eventId }), JSON.stringify(eventId)).toBe(false);
		}
		expect(accepts(socketAuth, { eventId: 3, role: 'admin' })).toBe(false);
		expect(accepts(socketAuth, { token: 'x' })).toBe(false);
		expect(accepts(socketAuth, null)).toBe(false);
	});
});
