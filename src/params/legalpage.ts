import type { ParamMatcher } from '@sveltejs/kit';
import { isLegalPage } from '$lib/legal';

export const match: ParamMatcher = (param) => isLegalPage(param);
