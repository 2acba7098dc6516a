import type { processTemplates } from '../db/schema';

export type ProcessTemplate = (typeof processTemplates)[number];

interface TemplatePhase {
	title: string;
	description: string;
	/** Months after the process start at which the phase begins, and how long it lasts. */
	startMonth: number;
	months: number;
}

/**
 * Phase sequences from real council papers: Stadt Landau's "Integrationskonzept 2.0"
 * (Sitzungsvorlage 500/035/2017) and the Führungsakademie Baden-Württemberg's process
 * support programme (Landkreis Lörrach, Nr. 079/2018).
 */
export const templatePhases: Record<ProcessTemplate, TemplatePhase[]> = {
	landau: [
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
			title: 'Beschluss im Stadtrat',
			description: 'Der Stadtrat beschließt das fortgeschriebene Integrationskonzept.',
			startMonth: 8,
			months: 1
		}
	],
	fuehrungsakademie: [
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
			title: 'Legitimation durch den Kreistag',
			description: 'Der Kreistag beschließt das Integrationskonzept.',
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
	empty: []
};

function addMonths(isoDate: string, months: number): Date {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCMonth(date.getUTCMonth() + months);
	return date;
}

function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The template's phases laid out from `startsOn` (YYYY-MM-DD), in order. */
export function layOutPhases(template: ProcessTemplate, startsOn: string) {
	return templatePhases[template].map((phase, position) => {
		const end = addMonths(startsOn, phase.startMonth + phase.months);
		end.setUTCDate(end.getUTCDate() - 1);
		return {
			position,
			title: phase.title,
			description: phase.description,
			startsOn: isoDay(addMonths(startsOn, phase.startMonth)),
			endsOn: isoDay(end)
		};
	});
}
