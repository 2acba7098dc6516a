import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { stakeholderCategories } from '$lib/domain';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { choice, optionalText } from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import {
	findEventByJoinCode,
	findParticipant,
	joinEvent,
	participantCookieName
} from '$lib/server/workshop/participants';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const joinForm = v.object({
	displayName: optionalText(60),
	category: v.optional(choice(['', ...stakeholderCategories]), '')
});

/** A phone keeps its identity for a month: long enough for a conference and its follow-up. */
const participantCookieMaxAge = 60 * 60 * 24 * 30;

function requireEvent({ params }: Pick<RequestEvent, 'params'>) {
	const event = findEventByJoinCode(getDb(), params.code);
	if (!event) error(404, { message: m.live_code_unknown() });
	// Codes typed in lower case lead to the one canonical address.
	if (event.joinCode !== params.code) redirect(308, `/${event.joinCode}`);
	return event;
}

export const load: PageServerLoad = (request) => {
	const event = requireEvent(request);
	const token = request.cookies.get(participantCookieName);
	const participant = token ? findParticipant(getDb(), token) : undefined;
	const joined = participant?.eventId === event.id ? participant : undefined;
	return {
		event: { id: event.id, title: event.title, code: event.joinCode },
		joined: joined ? { displayName: joined.displayName, category: joined.category } : null
	};
};

export const actions: Actions = {
	join: async (request) => {
		const event = requireEvent(request);
		const form = parseForm(joinForm, await request.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const { token } = joinEvent(getDb(), event.id, {
			displayName: form.data.displayName || null,
			category: form.data.category || null,
			locale: getLocale()
		});
		request.cookies.set(participantCookieName, token, {
			httpOnly: true,
			sameSite: 'lax',
			secure: request.url.protocol === 'https:',
			path: '/',
			maxAge: participantCookieMaxAge
		});
		redirect(303, `/${event.joinCode}`);
	}
};
