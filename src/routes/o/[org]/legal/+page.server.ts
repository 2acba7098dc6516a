import { fail } from '@sveltejs/kit';
import { legalPages } from '$lib/legal';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { legalDetailsForm, legalResetForm, legalTextForm } from '$lib/server/forms/legal';
import { parseForm } from '$lib/server/forms/parse';
import { deleteSignVideo, loadSignVideo, uploadSignVideo } from '$lib/server/forms/sign-video';
import { requireOrganisation } from '$lib/server/guard';
import {
	hasOwnText,
	legalText,
	saveLegalText,
	updateLegalDetails
} from '$lib/server/privacy/legal';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { organisation } = requireOrganisation(event, 'manageOrganisation');
	return {
		details: {
			postalAddress: organisation.postalAddress,
			email: organisation.email,
			phone: organisation.phone,
			representative: organisation.representative,
			dataProtectionOfficer: organisation.dataProtectionOfficer,
			dataProtectionLaw: organisation.dataProtectionLaw,
			supervisoryAuthority: organisation.supervisoryAuthority,
			accessibilityEnforcement: organisation.accessibilityEnforcement,
			accessibilityReviewedOn: organisation.accessibilityReviewedOn ?? ''
		},
		pages: legalPages.map((page) => ({
			page,
			text: legalText(organisation, page),
			own: hasOwnText(organisation, page)
		})),
		signVideo: loadSignVideo(event)
	};
};

export const actions: Actions = {
	details: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(legalDetailsForm, await event.request.formData());
		if (!form.ok) return fail(400, { detailsErrors: form.errors, values: form.values });
		updateLegalDetails(getDb(), organisation.id, form.data);
		return { saved: m.saved() };
	},
	saveText: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(legalTextForm, await event.request.formData());
		if (!form.ok) {
			return fail(400, {
				textErrors: form.errors,
				page: form.values.page ?? '',
				text: form.values.text ?? ''
			});
		}
		saveLegalText(getDb(), organisation.id, form.data.page, form.data.text);
		return { saved: m.saved() };
	},
	resetText: async (event) => {
		const { organisation } = requireOrganisation(event, 'manageOrganisation');
		const form = parseForm(legalResetForm, await event.request.formData());
		if (!form.ok) return fail(400, { message: m.form_has_errors() });
		if (!form.data.confirmed) return fail(409, { confirmReset: form.data.page });
		saveLegalText(getDb(), organisation.id, form.data.page, null);
		return { saved: m.saved() };
	},
	uploadSignVideo,
	removeSignVideo: deleteSignVideo
};
