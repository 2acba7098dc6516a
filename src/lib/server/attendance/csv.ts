import { stakeholderCategory } from '../../labels';
import { m } from '../../paraglide/messages';
import type { Db } from '../db';
import { toCsv } from '../export/csv';
import { timeZone } from '../time';
import { doorList } from './attendance';

const berlinTime = new Intl.DateTimeFormat('sv-SE', {
	timeZone,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit'
});

/**
 * The door list for spreadsheets: name, affiliation, group, registered, present and when
 * checked in (`YYYY-MM-DD HH:MM`, German time). Formula-looking names are defused by `toCsv`.
 */
export function attendanceCsv(db: Db, eventId: number): string {
	const yesNo = (value: boolean) => (value ? m.attendance_yes() : m.attendance_no());
	return toCsv([
		[
			m.field_name(),
			m.field_affiliation(),
			m.field_category(),
			m.attendance_col_registered(),
			m.attendance_col_present(),
			m.attendance_csv_checked_in_at()
		],
		...doorList(db, eventId).map((a) => [
			a.name,
			a.affiliation,
			a.category ? stakeholderCategory.label(a.category) : m.category_none(),
			yesNo(a.registered),
			yesNo(a.present),
			a.checkedInAt ? berlinTime.format(a.checkedInAt) : ''
		])
	]);
}
