import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { requireEvent } from '$lib/server/guard';
import { joinClosedReasonNow, joinGraceHours } from '$lib/server/join-guard';
import { joinLink } from '$lib/server/workshop/join-link';
import { joinRate, setJoinClosed } from '$lib/server/workshop/participants';
import { listFields } from '$lib/server/process/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { process, event } = requireEvent(request, 'manageEvents');
	// Opening the console starts the live session (it makes the join code); that needs a day.
	if (event.datePrecision === 'month') error(409, { message: m.event_month_no_live() });
	request.depends('live:join-rate');
	const db = getDb();
	return {
		event: { id: event.id, title: event.title },
		join: await joinLink(db, event.id, request.url.origin),
		joining: {
			closedByModerator: event.joinClosed,
			closedReason: joinClosedReasonNow(event),
			graceHours: joinGraceHours(),
			rate: joinRate(db, event.id)
		},
		fields: listFields(db, process.id).map((f) => ({ id: f.id, label: `${f.code} ${f.title}` }))
	};
};

export const actions: Actions = {
	closeJoining: (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		setJoinClosed(getDb(), event.id, true);
	},
	reopenJoining: (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		setJoinClosed(getDb(), event.id, false);
	}
};
