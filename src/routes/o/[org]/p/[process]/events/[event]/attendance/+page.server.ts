import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	addWalkIn,
	attendanceByGroup,
	checkIn,
	doorList,
	register,
	undoCheckIn
} from '$lib/server/attendance/attendance';
import { getDb } from '$lib/server/db';
import { guestForm } from '$lib/server/forms/events';
import * as field from '$lib/server/forms/fields';
import { parseForm } from '$lib/server/forms/parse';
import { id } from '$lib/server/forms/process-fields';
import { requireEvent } from '$lib/server/guard';
import { draftMinutes, listRevisions, refreshFromEvent } from '$lib/server/minutes/minutes';
import { formatClock } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

const idForm = v.object({ id });
const filterParam = field.optionalLine(100);

export const load: PageServerLoad = (request) => {
	const { event } = requireEvent(request, 'manageEvents');
	request.depends('app:attendance');
	const db = getDb();
	const filter = v.safeParse(filterParam, request.url.searchParams.get('q') ?? '');
	return {
		event: { id: event.id, title: event.title },
		filter: filter.success ? filter.output : '',
		people: doorList(db, event.id).map((a) => ({
			id: a.id,
			name: a.name,
			affiliation: a.affiliation,
			category: a.category,
			registered: a.registered,
			present: a.present,
			checkedInAt: a.checkedInAt
		})),
		attendance: attendanceByGroup(db, event.id)
	};
};

export const actions: Actions = {
	checkIn: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(idForm, await request.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const result = checkIn(getDb(), event.id, form.data.id);
		if (result.kind === 'not_found') error(404, { message: m.error_not_found() });
		const { name, checkedInAt } = result.attendee;
		if (result.kind === 'already') {
			return fail(409, {
				message: checkedInAt
					? m.attendance_already({ name, time: formatClock(checkedInAt) })
					: m.attendance_checked_in({ name })
			});
		}
		return { saved: m.attendance_checked_in({ name }), checkedIn: result.attendee.id };
	},
	undoCheckIn: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(idForm, await request.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		const db = getDb();
		const attendee = doorList(db, event.id).find((a) => a.id === form.data.id);
		if (!attendee || !undoCheckIn(db, event.id, attendee.id))
			error(404, { message: m.error_not_found() });
		return { saved: m.attendance_undone({ name: attendee.name }) };
	},
	walkIn: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(guestForm, await request.request.formData());
		if (!form.ok) return fail(400, { walkInErrors: form.errors, values: form.values });
		const added = addWalkIn(getDb(), event.id, form.data);
		return { saved: m.attendance_walk_in_added({ name: added.name }) };
	},
	register: async (request) => {
		const { event } = requireEvent(request, 'manageEvents');
		const form = parseForm(guestForm, await request.request.formData());
		if (!form.ok) return fail(400, { registerErrors: form.errors, values: form.values });
		const added = register(getDb(), event.id, form.data);
		return { saved: m.attendance_registered_added({ name: added.name }) };
	},
	toMinutes: (request) => {
		const { event, user } = requireEvent(request, 'manageEvents');
		const db = getDb();
		const latest = listRevisions(db, event.id)[0];
		if (!latest) {
			draftMinutes(db, event.id, user);
			return { saved: m.attendance_to_minutes_done() };
		}
		const change = refreshFromEvent(db, event.id, latest.id);
		if (!change.ok) return fail(409, { message: m.attendance_to_minutes_locked() });
		return { saved: m.attendance_to_minutes_done() };
	}
};
