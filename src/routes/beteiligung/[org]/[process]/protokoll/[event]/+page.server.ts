import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { publishedMinutesOf } from '$lib/server/public/minutes';
import type { PageServerLoad } from './$types';
import { requirePublicProcess } from '../../public';

export const load: PageServerLoad = ({ params }) => {
	const { process, organisationName } = requirePublicProcess(params);
	const eventId = Number(params.event);
	const found = Number.isSafeInteger(eventId)
		? publishedMinutesOf(getDb(), process.id, eventId)
		: undefined;
	if (!found) error(404, { message: m.error_not_found() });
	return {
		organisationName,
		legal: { slug: params.org },
		process: { title: process.title },
		...found
	};
};
