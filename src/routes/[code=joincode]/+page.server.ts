import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { stakeholderCategories } from '$lib/domain';
import { spokenLanguage } from '$lib/i18n/area';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { choice, optionalLine } from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { retentionDays } from '$lib/server/privacy/config';
import { organisationOfEvent } from '$lib/server/privacy/legal';
import { joinClosedReasonNow, refuseThrottledLookup } from '$lib/server/join-guard';
import { takeJoin, waitSeconds } from '$lib/server/workshop/join-throttle';
import {
	findEventByJoinCode,
	findParticipant,
	joinEvent,
	participantCookieName,
	rejoinEvent
} from '$lib/server/workshop/participants';
import { phoneView } from '$lib/server/workshop/views';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const joinForm = v.object({
	displayName: optionalLine(60),
	category: v.optional(choice(['', ...stakeholderCategories]), '')
});

/** A phone keeps its identity for a month: long enough for a conference and its follow-up. */
const participantCookieMaxAge = 60 * 60 * 24 * 30;

/**
 * The event the code names. Phones already in always get it; anyone else only while their
 * address has not missed too many codes, and each miss counts.
 */
async function requireEvent(request: RequestEvent) {
	const db = getDb();
	const event = findEventByJoinCode(db, request.params.code);
	const token = request.cookies.get(participantCookieName);
	const participant = token ? findParticipant(db, token) : undefined;
	const joined = event && participant?.eventId === event.id ? participant : undefined;
	if (!joined) await refuseThrottledLookup(request, event !== undefined);
	if (!event) error(404, { message: m.live_code_unknown() });
	// Codes typed in lower case lead to the one canonical address.
	if (event.joinCode !== request.params.code) redirect(308, `/${event.joinCode}`);
	return { event, joined, token };
}

export const load: PageServerLoad = async (request) => {
	const { event, joined } = await requireEvent(request);
	const organisation = organisationOfEvent(getDb(), event.id);
	return {
		event: { id: event.id, title: event.title, code: event.joinCode },
		organisation: organisation?.name ?? '',
		retentionDays: retentionDays(),
		legal: organisation ? { slug: organisation.slug } : null,
		joined: joined ? { displayName: joined.displayName, category: joined.category } : null,
		// Rendered with the page, so a returning phone sees its workshop before the socket is up.
		view: joined ? phoneView(getDb(), event.id, joined.id) : null,
		joinClosed: !joined && joinClosedReasonNow(event) !== null
	};
};

export const actions: Actions = {
	join: async (request) => {
		const { event, joined, token } = await requireEvent(request);
		const form = parseForm(joinForm, await request.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const profile = {
			displayName: form.data.displayName || null,
			category: form.data.category || null
		};
		if (joined && token) {
			rejoinEvent(getDb(), event.id, token, profile);
			redirect(303, `/${event.joinCode}`);
		}
		if (joinClosedReasonNow(event)) {
			return fail(403, { joinClosed: true, values: form.values });
		}
		const wait = await takeJoin(request.getClientAddress());
		if (wait > 0) {
			const seconds = waitSeconds(wait);
			request.setHeaders({ 'retry-after': String(seconds) });
			return fail(429, { throttled: seconds, values: form.values });
		}
		const { token: newToken } = joinEvent(getDb(), event.id, {
			...profile,
			locale: spokenLanguage(getLocale())
		});
		request.cookies.set(participantCookieName, newToken, {
			httpOnly: true,
			sameSite: 'lax',
			secure: request.url.protocol === 'https:',
			path: '/',
			maxAge: participantCookieMaxAge
		});
		redirect(303, `/${event.joinCode}`);
	}
};
