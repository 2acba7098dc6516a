import { error } from '@sveltejs/kit';
import { isLegalPage } from '$lib/legal';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { findOrganisationBySlug, legalText } from '$lib/server/privacy/legal';
import type { PageServerLoad } from './$types';

/** An organisation's Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit: public. */
export const load: PageServerLoad = ({ params }) => {
	const organisation = findOrganisationBySlug(getDb(), params.org);
	if (!organisation || !isLegalPage(params.legal)) error(404, { message: m.error_not_found() });
	return {
		page: params.legal,
		organisationName: organisation.name,
		text: legalText(organisation, params.legal),
		legal: { slug: organisation.slug }
	};
};
