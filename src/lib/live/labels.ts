/**
 * Labels for the phone pages, apart from $lib/labels so that the phone's bundle carries only
 * the messages it shows.
 */
import {
	mergedGroups,
	stakeholderCategories,
	type ActivityStage,
	type ResultGroup,
	type StakeholderCategory
} from '../domain';
import { m } from '../paraglide/messages';
import type { ClientErrorCode } from './connection.svelte';

/** The groups' names; a message takes a locale where a page needs another language's words. */
export const categoryMessages = {
	politics: m.category_politics,
	administration: m.category_administration,
	civil_society: m.category_civil_society,
	migrant_organisation: m.category_migrant_organisation,
	volunteers: m.category_volunteers,
	business: m.category_business,
	education: m.category_education,
	welfare: m.category_welfare,
	religious_community: m.category_religious_community,
	individual: m.category_individual,
	other: m.category_other
} satisfies Record<StakeholderCategory, unknown>;

export const categoryLabel = (category: ResultGroup) =>
	category === mergedGroups
		? m.category_merged()
		: category
			? categoryMessages[category]()
			: m.category_none();

export const categoryOptions = () =>
	stakeholderCategories.map((value) => ({ value, label: categoryMessages[value]() }));

/**
 * The join question on the phone: not answering and speaking for oneself come first and are
 * said in the first person; the groups follow.
 */
export const joinCategoryOptions = () => [
	{ value: '', label: m.live_join_category_none() },
	{ value: 'individual', label: m.live_join_category_individual() },
	...categoryOptions().filter((option) => option.value !== 'individual')
];

const stages: Record<ActivityStage, () => string> = {
	collecting: m.live_stage_collecting,
	clustering: m.live_stage_clustering,
	voting: m.live_stage_voting,
	revealed: m.live_stage_revealed,
	closed: m.live_stage_closed
};

export const stageLabel = (stage: ActivityStage) => stages[stage]();

const errors: Record<ClientErrorCode, () => string> = {
	invalid_payload: m.live_error_invalid_payload,
	unauthorised: m.live_error_unauthorised,
	not_found: m.live_error_not_found,
	wrong_stage: m.live_error_wrong_stage,
	rate_limited: m.live_error_rate_limited,
	budget_exhausted: m.live_error_budget_exhausted,
	target_limit: m.live_error_target_limit,
	no_dot_there: m.live_error_no_dot_there,
	client_id_reused: m.live_error_client_id_reused,
	server_error: m.live_error_server_error,
	no_connection: m.live_error_no_connection
};

/** Error codes of the live protocol, translated (docs/live-protocol.md). */
export const liveErrorMessage = (code: ClientErrorCode) => errors[code]();
