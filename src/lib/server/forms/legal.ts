import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { legalPages } from '../../legal';
import * as field from './fields';
import { checkbox, optionalIsoDate } from './process-fields';

const phone = v.optional(
	v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(40, () => m.error_too_long({ max: 40 })),
		v.regex(/^[0-9+()/ -]*$/, () => m.error_phone())
	),
	''
);

/** What the legal pages need of an organisation; the templates fill in what is given. */
export const legalDetailsForm = v.object({
	postalAddress: field.requiredText(300),
	email: field.email,
	phone,
	representative: field.optionalLine(200),
	dataProtectionOfficer: field.requiredText(500),
	dataProtectionLaw: field.optionalLine(200),
	supervisoryAuthority: field.requiredText(500),
	accessibilityEnforcement: field.requiredText(500),
	accessibilityReviewedOn: optionalIsoDate
});

const page = field.choice(legalPages);

export const legalTextForm = v.object({ page, text: field.requiredText(20_000) });

export const legalResetForm = v.object({ page, confirmed: checkbox });
