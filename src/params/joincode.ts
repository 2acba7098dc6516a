import type { ParamMatcher } from '@sveltejs/kit';
import { joinCodeSegment } from '$lib/i18n/area';

export const match: ParamMatcher = (param) => joinCodeSegment.test(param);
