import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import { minGroupSize, retentionDays } from './config';
import {
	findOrganisationBySlug,
	hasOwnText,
	legalTemplate,
	legalText,
	organisationOfEvent,
	platformLegalOrganisation,
	saveLegalText,
	updateLegalDetails,
	type LegalDetails
} from './legal';

const details: LegalDetails = {
	postalAddress: 'Landratsamt Lörrach\nPalmstraße 3\n79539 Lörrach',
	email: 'integration@loerrach.example',
	phone: '07621 410-0',
	representative: 'Die Landrätin',
	dataProtectionOfficer: 'Datenschutzbeauftragte/r des Landratsamts\ndatenschutz@loerrach.example',
	dataProtectionLaw: '§ 4 Landesdatenschutzgesetz Baden-Württemberg (LDSG)',
	supervisoryAuthority:
		'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg',
	accessibilityEnforcement: 'Ombudsstelle für barrierefreie Informationstechnik Baden-Württemberg',
	accessibilityReviewedOn: '2026-11-02'
};
const settings = { retentionDays: 14, minGroupSize: 5, today: '2026-12-01' };

describe('legal templates', () => {
	it('fill in the organisation, the law and the retention', () => {
		const db = createTestDb();
		const { id } = createTestOrganisation(db, 'Landkreis Lörrach');
		updateLegalDetails(db, id, details);
		const org = findOrganisationBySlug(db, 'landkreis-loerrach')!;

		const imprint = legalTemplate(org, 'impressum', settings);
		expect(imprint).toContain('Landkreis Lörrach\nLandratsamt Lörrach\nPalmstraße 3');
		expect(imprint).toContain('Vertreten durch: Die Landrätin');
		expect(imprint).toContain('Telefon: 07621 410-0');

		const privacy = legalTemplate(org, 'datenschutz', settings);
		expect(privacy).toContain(
			'Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 4 Landesdatenschutzgesetz'
		);
		expect(privacy).toContain('Datenschutzbeauftragte/r des Landratsamts');
		expect(privacy).toContain('14 Tage nach dem Ende einer Veranstaltung');
		expect(privacy).toContain('mindestens 5 Personen');
		expect(privacy).toContain('Informationsfreiheit Baden-Württemberg');

		const accessibility = legalTemplate(org, 'barrierefreiheit', settings);
		expect(accessibility).toContain('am 02.11.2026 erstellt');
		expect(accessibility).toContain('Ombudsstelle für barrierefreie Informationstechnik');
		expect(accessibility).not.toContain('bitte ergänzen');
	});

	it('mark what is missing instead of leaving it out', () => {
		const db = createTestDb();
		const org = createTestOrganisation(db);
		expect(legalTemplate(org, 'impressum', settings)).toContain('[bitte ergänzen: Postanschrift]');
		expect(legalTemplate(org, 'datenschutz', settings)).toContain(
			'[bitte ergänzen: Kontakt der oder des Datenschutzbeauftragten]'
		);
		expect(legalTemplate(org, 'barrierefreiheit', settings)).toContain('am 01.12.2026 erstellt');
	});

	it('give way to the organisation’s own text, and come back when it is removed', () => {
		const db = createTestDb();
		const { id, slug } = createTestOrganisation(db);
		saveLegalText(db, id, 'datenschutz', '## Eigener Text');
		let org = findOrganisationBySlug(db, slug)!;
		expect(hasOwnText(org, 'datenschutz')).toBe(true);
		expect(hasOwnText(org, 'impressum')).toBe(false);
		expect(legalText(org, 'datenschutz')).toBe('## Eigener Text');
		saveLegalText(db, id, 'datenschutz', null);
		org = findOrganisationBySlug(db, slug)!;
		expect(legalText(org, 'datenschutz')).toContain('## Verantwortlich');
	});
});

describe('whose legal pages', () => {
	it('are the platform’s: the one named, else the first organisation', () => {
		const db = createTestDb();
		expect(platformLegalOrganisation(db, null)).toBeUndefined();
		const first = createTestOrganisation(db, 'Landkreis Lörrach');
		const second = createTestOrganisation(db, 'Stadt Landau');
		expect(platformLegalOrganisation(db, null)?.id).toBe(first.id);
		expect(platformLegalOrganisation(db, second.slug)?.id).toBe(second.id);
		expect(platformLegalOrganisation(db, 'gibt-es-nicht')?.id).toBe(first.id);
	});

	it('are an event’s organisation’s', () => {
		const db = createTestDb();
		createTestOrganisation(db, 'Landkreis Lörrach');
		const landau = createTestOrganisation(db, 'Stadt Landau');
		const { event } = createTestEvent(db, landau.id);
		expect(organisationOfEvent(db, event.id)).toEqual({ slug: landau.slug, name: 'Stadt Landau' });
	});
});

describe('privacy settings from the environment', () => {
	it('take valid numbers and fall back otherwise', () => {
		expect(retentionDays({})).toBe(30);
		expect(retentionDays({ PARTICIPANT_RETENTION_DAYS: ' 7 ' })).toBe(7);
		expect(retentionDays({ PARTICIPANT_RETENTION_DAYS: '0' })).toBe(0);
		expect(retentionDays({ PARTICIPANT_RETENTION_DAYS: '-1' })).toBe(30);
		expect(retentionDays({ PARTICIPANT_RETENTION_DAYS: 'bald' })).toBe(30);
		expect(minGroupSize({})).toBe(5);
		expect(minGroupSize({ MIN_GROUP_SIZE: '3' })).toBe(3);
		expect(minGroupSize({ MIN_GROUP_SIZE: '0' })).toBe(5);
		expect(minGroupSize({ MIN_GROUP_SIZE: '2.5' })).toBe(5);
	});
});
