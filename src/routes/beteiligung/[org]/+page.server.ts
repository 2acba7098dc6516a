import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findOrganisationBySlug } from '$lib/server/privacy/legal';
import { listPublicProcesses } from '$lib/server/process/processes';
import { signVideoOf } from '$lib/server/sign-video/sign-video';
import { todayIn } from '$lib/server/time';
import type { PageServerLoad } from './$types';

/** An organisation's public start page: what the site is, its public processes, its DGS video. */
export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const organisation = findOrganisationBySlug(db, params.org);
	if (!organisation) error(404, { message: m.error_not_found() });
	const video = signVideoOf(db, organisation.id);
	return {
		organisationName: organisation.name,
		legal: { slug: organisation.slug },
		email: organisation.email.trim(),
		processes: listPublicProcesses(db, todayIn(), organisation.slug).map(
			({ process, currentPhase }) => ({
				slug: process.slug,
				title: process.title,
				status: process.status,
				currentPhase
			})
		),
		// The hashes make a replaced video or captions a new address, so no cache shows the old one.
		signVideo: video
			? {
					mediaType: video.mediaType,
					version: video.sha256.slice(0, 16),
					captionsVersion: video.captionsSha256?.slice(0, 16) ?? null
				}
			: null
	};
};
