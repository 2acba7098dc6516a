import { describe, expect, it } from 'vitest';
import {
	formatEuro,
	formatPeriod,
	parseEuro,
	parseOwnNumber,
	parsePartyList,
	parsePeriod,
	partyLabel
} from './measure-values';

const cents = (input: string) => {
	const parsed = parseEuro(input);
	return parsed.ok ? parsed.value : parsed.message;
};

describe('money as people type it', () => {
	it('reads German amounts, with or without thousands, cents and the euro sign', () => {
		expect(cents('12.500,00 €')).toBe(1_250_000);
		expect(cents('12500')).toBe(1_250_000);
		expect(cents('12.500')).toBe(1_250_000);
		expect(cents('12,5')).toBe(1250);
		expect(cents('1.234.567,89 EUR')).toBe(123_456_789);
		expect(cents(' 27.000 € ')).toBe(2_700_000);
		expect(cents('21.568,75')).toBe(2_156_875);
		expect(cents('0')).toBe(0);
	});

	it('reads a point before one or two digits as a decimal point', () => {
		expect(cents('12500.50')).toBe(1_250_050);
		expect(cents('12,500.50')).toBe(1_250_050);
	});

	it('takes empty as not estimated', () => {
		expect(cents('')).toBeNull();
		expect(cents('  € ')).toBeNull();
	});

	it('refuses negatives, garbage and absurd amounts with a message', () => {
		expect(cents('-5')).toBe('Der Betrag darf nicht negativ sein.');
		expect(cents('−5,00 €')).toBe('Der Betrag darf nicht negativ sein.');
		for (const garbage of ['ca. 15.000', '12,345', '1.2.3', '12.50.00', 'zehn', '5e3', '1,2,3']) {
			expect(cents(garbage), garbage).toBe(
				'Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 12.500,00.'
			);
		}
		expect(cents('99999999999999')).toBe('Der Betrag ist zu groß.');
	});

	it('prints amounts as the papers do, and reads its own output back', () => {
		expect(formatEuro(1_250_000)).toBe('12.500,00\u00a0€');
		expect(cents(formatEuro(123_456_789))).toBe(123_456_789);
	});
});

describe('periods of years', () => {
	const period = (input: string) => {
		const parsed = parsePeriod(input);
		return parsed.ok ? parsed.value : parsed.message;
	};

	it('reads the papers’ ways of writing them', () => {
		expect(period('2018/19')).toEqual({ start: 2018, end: 2019 });
		expect(period('2018/2019')).toEqual({ start: 2018, end: 2019 });
		expect(period('2025–2027')).toEqual({ start: 2025, end: 2027 });
		expect(period('2025 - 2027')).toEqual({ start: 2025, end: 2027 });
		expect(period('2025 bis 2027')).toEqual({ start: 2025, end: 2027 });
		expect(period('2026')).toEqual({ start: 2026, end: 2026 });
		expect(period('')).toBeNull();
	});

	it('refuses reversed, far-off and unreadable periods', () => {
		expect(period('2027–2025')).toBe('Das Ende des Zeitraums liegt vor seinem Anfang.');
		expect(period('1990')).toMatch(/zwischen 2000 und 2100/);
		expect(period('kurzfristig')).toMatch(/zwischen 2000 und 2100/);
	});

	it('prints two years in a row as the papers do', () => {
		expect(formatPeriod({ start: 2018, end: 2019 })).toBe('2018/19');
		expect(formatPeriod({ start: 2025, end: 2027 })).toBe('2025–2027');
		expect(formatPeriod({ start: 2026, end: 2026 })).toBe('2026');
		expect(formatPeriod({ start: 2099, end: 2100 })).toBe('2099–2100');
	});
});

describe('own numbers', () => {
	it('keeps the council’s numbers and refuses markup', () => {
		expect(parseOwnNumber('  IP   1.5 ')).toEqual({ ok: true, value: 'IP 1.5' });
		expect(parseOwnNumber('2.6')).toEqual({ ok: true, value: '2.6' });
		expect(parseOwnNumber('')).toEqual({ ok: true, value: null });
		expect(parseOwnNumber('<b>1</b>').ok).toBe(false);
		expect(parseOwnNumber('=1+1').ok).toBe(false);
		expect(parseOwnNumber('x'.repeat(21)).ok).toBe(false);
	});
});

describe('addressee and partner lists', () => {
	it('stores known entries by key, free ones as typed, each once', () => {
		expect(parsePartyList('Landkreis; kommunen, VHS Landau\nFreie Träger; Landkreis')).toEqual({
			ok: true,
			value: ['landkreis', 'kommunen', 'VHS Landau', 'freie_traeger']
		});
		expect(parsePartyList(' ;  ; ')).toEqual({ ok: true, value: [] });
	});

	it('reads English spellings of the vocabulary too', () => {
		expect(parsePartyList('Schools; Jobcentre')).toEqual({
			ok: true,
			value: ['schulen', 'jobcenter']
		});
	});

	it('refuses over-long entries and too many of them', () => {
		expect(parsePartyList('x'.repeat(201)).ok).toBe(false);
		expect(parsePartyList(Array.from({ length: 41 }, (_, i) => `T${i}`).join(';')).ok).toBe(false);
	});

	it('shows keys translated and free entries as typed', () => {
		expect(partyLabel('agentur_fuer_arbeit', 'de')).toBe('Agentur für Arbeit');
		expect(partyLabel('agentur_fuer_arbeit', 'en')).toBe('Employment agency');
		expect(partyLabel('VHS Landau', 'de')).toBe('VHS Landau');
	});
});
