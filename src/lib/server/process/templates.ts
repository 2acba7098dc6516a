import { m } from '$lib/paraglide/messages';
import type {
	BodyKind,
	OrganisationKind,
	processTemplates,
	StakeholderCategory
} from '../db/schema';

export type ProcessTemplate = (typeof processTemplates)[number];

interface TemplatePhase {
	/** `{council}` stands for the organisation's council: Kreistag, Stadtrat, Gemeinderat. */
	title: string;
	description: string;
	/** Months after the process start at which the phase begins, and how long it lasts. */
	startMonth: number;
	months: number;
}

interface TemplateBody {
	kind: BodyKind;
	/** `{council}` as in phase titles. */
	name: string;
	description: string;
	isPublic: boolean;
	maxMembers?: number;
	seats?: Partial<Record<StakeholderCategory, number>>;
}

interface Template {
	phases: TemplatePhase[];
	bodies: TemplateBody[];
}

function council(description: string): TemplateBody {
	return { kind: 'council', name: '{council}', description, isPublic: true };
}

function committee(name: string, description: string): TemplateBody {
	return { kind: 'committee', name, description, isPublic: true };
}

/**
 * What the council papers describe, as phases and bodies: Stadt Landau's "Integrationskonzept
 * 2.0" (Sitzungsvorlage 500/035/2017), Landkreis Lörrach in the Führungsakademie
 * Baden-Württemberg's programme (Nr. 079/2018), the Rems-Murr-Kreis's Integrationsplan
 * (Drucksache 2017/064), Landkreis Konstanz's status report (Drucksache 2018/077) and
 * Landkreis Wittmund's Beschlussvorlage of 9 November 2018. Fachkonferenzen and
 * Arbeitsgruppen are made per field of action on the process page, so none is made here.
 */
export const processTemplateDefinitions: Record<ProcessTemplate, Template> = {
	landau: {
		phases: [
			{
				title: 'Sitzung der Prozesssteuerungsgruppe',
				description: 'Die Steuerungsgruppe legt Ablauf, Themen und Beteiligte fest.',
				startMonth: 0,
				months: 1
			},
			{
				title: 'Auftaktveranstaltung',
				description: 'Öffentlicher Start des Prozesses mit allen Interessierten.',
				startMonth: 2,
				months: 1
			},
			{
				title: 'Fachkonferenzen',
				description: 'Offene Fachworkshops je Handlungsfeld sammeln Ideen und Vorschläge.',
				startMonth: 2,
				months: 1
			},
			{
				title: 'Sitzung der Prozesssteuerungsgruppe',
				description: 'Die Steuerungsgruppe sichtet die Ergebnisse der Fachkonferenzen.',
				startMonth: 3,
				months: 1
			},
			{
				title: 'Zusammenstellung der Ergebnisse und Konzeptentwurf',
				description: 'Die Ergebnisse werden zusammengeführt und zu einem Entwurf verarbeitet.',
				startMonth: 4,
				months: 2
			},
			{
				title: 'Sitzung der Prozesssteuerungsgruppe',
				description: 'Die Steuerungsgruppe berät den Entwurf.',
				startMonth: 5,
				months: 1
			},
			{
				title: 'Integrationskonferenz',
				description: 'Alle Beteiligten beraten den Entwurf in großer Runde.',
				startMonth: 7,
				months: 1
			},
			{
				title: 'Beschluss im {council}',
				description: 'Der {council} beschließt das fortgeschriebene Integrationskonzept.',
				startMonth: 8,
				months: 1
			}
		],
		bodies: [
			{
				kind: 'steering_group',
				name: 'Prozesssteuerungsgruppe',
				description:
					'Begleitet und unterstützt den Prozess, unter dem Vorsitz der Leitung des Sozialamts. Höchstens 19 Personen: 6 aus der Politik (eine Vertretung je Fraktion und ein gewähltes Mitglied des Beirats für Migration und Integration), 6 aus der Verwaltung, 7 aus der Zivilgesellschaft.',
				isPublic: false,
				maxMembers: 19,
				seats: { politics: 6, administration: 6, civil_society: 7 }
			},
			{
				kind: 'integration_conference',
				name: 'Integrationskonferenz',
				description:
					'Berät den Entwurf in großer Runde; alle zwei Jahre wiederholt, um die Wirksamkeit des Konzepts zu prüfen.',
				isPublic: true
			},
			{
				kind: 'executive_board',
				name: 'Verwaltungsvorstand',
				description: 'Berät die Vorlage vor (nicht öffentlich).',
				isPublic: false
			},
			{
				kind: 'advisory_council',
				name: 'Beirat für Migration und Integration',
				description: 'Berät die Vorlage vor und entsendet ein Mitglied in die Steuerungsgruppe.',
				isPublic: true
			},
			committee('Sozialausschuss', 'Berät die Vorlage vor.'),
			committee('Hauptausschuss', 'Berät die Vorlage vor.'),
			council('Entscheidet über die Fortschreibung und beschließt das Integrationskonzept.')
		]
	},
	fuehrungsakademie: {
		phases: [
			{
				title: 'Bedarfsanalyse vor Ort',
				description: 'Bestehende Angebote, Bedarfe und Akteure werden erhoben.',
				startMonth: 0,
				months: 2
			},
			{
				title: 'Unterstützung von Verwaltung und Politik sichern',
				description: 'Verwaltungsspitze und Gremien bekennen sich zum Beteiligungsprozess.',
				startMonth: 2,
				months: 1
			},
			{
				title: 'Integrations- und Zukunftskonferenz',
				description: 'Eine große Konferenz mit möglichst vielen Menschen sammelt Themen.',
				startMonth: 3,
				months: 1
			},
			{
				title: 'Strategieworkshop zu Schwerpunktthemen',
				description: 'Die Schwerpunktthemen werden ausgewählt und geschärft.',
				startMonth: 4,
				months: 1
			},
			{
				title: 'Arbeitsgruppen',
				description: 'Arbeitsgruppen erarbeiten konkrete, messbare Ziele und Maßnahmen.',
				startMonth: 5,
				months: 6
			},
			{
				title: 'Beschluss im {council}',
				description: 'Legitimation: Der {council} beschließt das Integrationskonzept.',
				startMonth: 12,
				months: 2
			},
			{
				title: 'Information der Öffentlichkeit',
				description: 'Das Konzept und seine Maßnahmen werden öffentlich vorgestellt.',
				startMonth: 14,
				months: 2
			}
		],
		bodies: [
			{
				kind: 'steering_group',
				name: 'Steuerungsgruppe',
				description: 'Steuert den Prozess mit dem Moderationsteam der Führungsakademie.',
				isPublic: false
			},
			{
				kind: 'advisory_group',
				name: 'Begleitgruppe',
				description: 'Breiter Kreis der lokal relevanten Akteure, der den Prozess begleitet.',
				isPublic: true
			},
			{
				kind: 'integration_conference',
				name: 'Integrations- und Zukunftskonferenz',
				description: 'Große Konferenz mit möglichst vielen Beteiligten.',
				isPublic: true
			},
			{
				kind: 'advisory_group',
				name: 'Netzwerk der geförderten Kommunen',
				description:
					'Austausch mit den anderen Kommunen und Landkreisen im Programm der Führungsakademie (höchstens 20 geförderte Bewerber).',
				isPublic: false,
				maxMembers: 20
			},
			committee('Sozialausschuss', 'Nimmt die Teilnahme am Programm zur Kenntnis und berät vor.'),
			council('Legitimiert das Integrationskonzept.')
		]
	},
	rems_murr: {
		phases: [
			{
				title: 'Umsetzungsstand des bisherigen Integrationsplans',
				description:
					'Die Verwaltung berichtet den Ausschüssen, welche Handlungsempfehlungen umgesetzt sind.',
				startMonth: 0,
				months: 2
			},
			{
				title: 'Fachdialoge zu den Handlungsfeldern',
				description:
					'Extern moderierte Dialoge mit Fachleuten aus Arbeitsmarkt, Sprache und Bildung, Wohnen und Freizeit.',
				startMonth: 2,
				months: 3
			},
			{
				title: 'Sichtung, Bewertung und Priorisierung',
				description:
					'Die Verwaltung sichtet die Ergebnisse, bewertet und priorisiert sie und ergänzt eigene Vorschläge.',
				startMonth: 5,
				months: 1
			},
			{
				title: 'Entwurf des fortgeschriebenen Integrationsplans',
				description:
					'Handlungsempfehlungen je Handlungsfeld und Leitlinien werden zum Entwurf, der an alle Kreisrätinnen und Kreisräte geht.',
				startMonth: 6,
				months: 1
			},
			{
				title: 'Beratung in den Ausschüssen',
				description:
					'Der Sozialausschuss und der Verwaltungs-, Schul- und Kulturausschuss beraten den Entwurf.',
				startMonth: 7,
				months: 1
			},
			{
				title: 'Beschluss im {council}',
				description: 'Der {council} beschließt den fortgeschriebenen Integrationsplan.',
				startMonth: 8,
				months: 1
			}
		],
		bodies: [
			committee(
				'Sozialausschuss',
				'Stimmt dem Integrationsplan zu und lässt sich jährlich berichten.'
			),
			committee(
				'Verwaltungs-, Schul- und Kulturausschuss',
				'Hat die Verwaltung beauftragt und stimmt dem Integrationsplan zu.'
			),
			{
				kind: 'working_group',
				name: 'Arbeitsgruppe Arbeitsmarktintegration',
				description:
					'Organisations- und wirtschaftsübergreifend, unter Federführung der Stabsstelle Wirtschaftsförderung.',
				isPublic: true
			},
			{
				kind: 'advisory_group',
				name: 'Runder Tisch Migration',
				description: 'Stellt Beispiele guter Praxis vor.',
				isPublic: true
			},
			council('Beschließt den fortgeschriebenen Integrationsplan.')
		]
	},
	konstanz: {
		phases: [
			{
				title: 'Sachstandsbericht und Priorisierung der Maßnahmen',
				description:
					'Das Referat Integration priorisiert die Maßnahmen des geltenden Konzepts und berichtet den Gremien.',
				startMonth: 0,
				months: 2
			},
			{
				title: 'Vorstellung in Netzwerken und Gremien',
				description:
					'Das Konzept wird in den thematischen Netzwerken, im Arbeitskreis der kommunalen Integrationsbeauftragten und in den Kommunen diskutiert.',
				startMonth: 2,
				months: 3
			},
			{
				title: 'Integrationskonferenz',
				description:
					'Haupt- und Ehrenamtliche, Politik, Kommunen, Zugewanderte und Geflüchtete werfen einen kritischen Blick auf das Konzept.',
				startMonth: 5,
				months: 1
			},
			{
				title: 'Sitzung der Steuerungsgruppe Integration',
				description:
					'Die Steuerungsgruppe berät die Ergebnisse und die Mitwirkung der Betroffenen.',
				startMonth: 6,
				months: 1
			},
			{
				title: 'Fortschreibung des Maßnahmenkatalogs',
				description:
					'Die Maßnahmen werden angepasst, ergänzt oder abgeschlossen, mit Kosten und Förderung je Maßnahme.',
				startMonth: 7,
				months: 3
			},
			{
				title: 'Beratung im Sozialausschuss',
				description: 'Der Sozialausschuss berät den fortgeschriebenen Maßnahmenkatalog.',
				startMonth: 10,
				months: 1
			},
			{
				title: 'Beschluss im {council}',
				description: 'Der {council} beschließt das fortgeschriebene Integrationskonzept.',
				startMonth: 11,
				months: 1
			}
		],
		bodies: [
			{
				kind: 'steering_group',
				name: 'Steuerungsgruppe Integration',
				description: 'Steuert die Umsetzung und die Fortschreibung des Konzepts.',
				isPublic: false
			},
			...['Sprache', 'Arbeit', 'Bildung', 'Gesundheit', 'Ehrenamt'].map((topic): TemplateBody => ({
				kind: 'working_group',
				name: `Thematisches Netzwerk ${topic}`,
				description: 'Netzwerk im Amt für Migration und Integration.',
				isPublic: true
			})),
			{
				kind: 'advisory_group',
				name: 'Arbeitskreis kommunale Integrations- und Flüchtlingsbeauftragte',
				description: 'Die Beauftragten der kreisangehörigen Kommunen.',
				isPublic: false
			},
			{
				kind: 'integration_conference',
				name: 'Integrationskonferenz',
				description: 'Prüft das Konzept und passt den Maßnahmenkatalog an.',
				isPublic: true
			},
			committee('Sozialausschuss', 'Berät Sachstandsberichte und Fortschreibung vor.'),
			council('Beschließt das Integrationskonzept und seine Fortschreibung.')
		]
	},
	wittmund: {
		phases: [
			{
				title: 'Auftrag und externe Prozessbegleitung',
				description:
					'Der Kreisausschuss beschließt, das Konzept mit gesamtgesellschaftlicher Beteiligung zu erarbeiten, und beauftragt eine externe Begleitung.',
				startMonth: 0,
				months: 2
			},
			{
				title: 'Sitzungen der Steuerungsgruppe',
				description:
					'Die Steuerungsgruppe aus der Verwaltung erarbeitet Ziele und Maßnahmen; ihre Protokolle halten die Vorschläge fest.',
				startMonth: 2,
				months: 6
			},
			{
				title: 'Fertigstellung des Konzepts',
				description: 'Die Prozessbegleitung fasst Ziele, Maßnahmen und Empfehlungen zusammen.',
				startMonth: 8,
				months: 2
			},
			{
				title: 'Vorstellung im Sozialausschuss',
				description: 'Die Prozessbegleitung stellt die wesentlichen Inhalte vor.',
				startMonth: 10,
				months: 1
			},
			{
				title: 'Beratung im Kreisausschuss',
				description: 'Der Kreisausschuss berät den Beschlussvorschlag.',
				startMonth: 11,
				months: 1
			},
			{
				title: 'Beschluss im {council}',
				description:
					'Der {council} beschließt die vorgeschlagenen Maßnahmen und ihre Finanzierung.',
				startMonth: 12,
				months: 1
			}
		],
		bodies: [
			{
				kind: 'steering_group',
				name: 'Steuerungsgruppe',
				description:
					'Mitarbeitende der Verwaltung; ihre Protokolle gehen über Sozialausschuss und Kreisausschuss an den {council}.',
				isPublic: false
			},
			committee('Sozialausschuss', 'Lässt sich das Konzept vorstellen und berät vor.'),
			committee('Kreisausschuss', 'Hat den Auftrag erteilt und berät den Beschluss vor.'),
			council('Beschließt das Konzept, die Stellen und das Budget.')
		]
	},
	empty: { phases: [], bodies: [] }
};

/** The organisation's council as it calls it, in German like the rest of the stored data. */
export function councilName(organisationKind: OrganisationKind): string {
	const names: Record<OrganisationKind, () => string> = {
		landkreis: () => m.council_landkreis({}, { locale: 'de' }),
		stadt: () => m.council_stadt({}, { locale: 'de' }),
		gemeinde: () => m.council_gemeinde({}, { locale: 'de' }),
		other: () => m.council_other({}, { locale: 'de' })
	};
	return names[organisationKind]();
}

const withCouncil = (text: string, council: string) => text.replaceAll('{council}', council);

function addMonths(isoDate: string, months: number): Date {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCMonth(date.getUTCMonth() + months);
	return date;
}

function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The template's phases laid out from `startsOn` (YYYY-MM-DD), in order. */
export function layOutPhases(
	template: ProcessTemplate,
	startsOn: string,
	organisationKind: OrganisationKind
) {
	const council = councilName(organisationKind);
	return processTemplateDefinitions[template].phases.map((phase, position) => {
		const end = addMonths(startsOn, phase.startMonth + phase.months);
		end.setUTCDate(end.getUTCDate() - 1);
		return {
			position,
			title: withCouncil(phase.title, council),
			description: withCouncil(phase.description, council),
			startsOn: isoDay(addMonths(startsOn, phase.startMonth)),
			endsOn: isoDay(end)
		};
	});
}

/** The bodies the template's paper names, with their seat plans, as the organisation calls them. */
export function templateBodies(template: ProcessTemplate, organisationKind: OrganisationKind) {
	const council = councilName(organisationKind);
	return processTemplateDefinitions[template].bodies.map((body) => ({
		kind: body.kind,
		name: withCouncil(body.name, council),
		description: withCouncil(body.description, council),
		isPublic: body.isPublic,
		maxMembers: body.maxMembers ?? null,
		seats: body.seats ?? {}
	}));
}
