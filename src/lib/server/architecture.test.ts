import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const lib = resolve(import.meta.dirname, '..');
const server = join(lib, 'server');
const workshop = join(lib, 'workshop');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.[jt]s$/.test(entry.name) && !/\.test\.[jt]s$/.test(entry.name) ? [path] : [];
	});
}

/** Static imports, `export … from` and `import()` with a literal path, as TypeScript reads them. */
function importsIn(source: string): string[] {
	return ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
}

const importsOf = (file: string) => importsIn(readFileSync(file, 'utf8'));

/** The absolute path an import points to, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
	if (specifier.startsWith('.')) return resolve(dirname(from), specifier);
	if (specifier === '$lib' || specifier.startsWith('$lib/')) return join(lib, specifier.slice(5));
	return null;
}

/** The folder directly under src/lib/server a path belongs to; files directly in it are `.`. */
function folderOf(path: string): string | null {
	const inside = relative(server, path);
	if (inside === '' || inside.startsWith('..')) return null;
	const [top, ...rest] = inside.split(sep) as [string, ...string[]];
	const isFolder = rest.length > 0 || (existsSync(path) && statSync(path).isDirectory());
	return isFolder ? top : '.';
}

interface Edge {
	from: string;
	to: string;
	/** One import that makes the edge, for the message. */
	because: string;
}

function folderGraph(): Map<string, Map<string, Edge>> {
	const graph = new Map<string, Map<string, Edge>>();
	for (const file of sourceFiles(server)) {
		const from = folderOf(file)!;
		const edges = graph.get(from) ?? new Map<string, Edge>();
		graph.set(from, edges);
		for (const specifier of importsOf(file)) {
			const target = resolveImport(file, specifier);
			const to = target && folderOf(target);
			if (!to || to === from || edges.has(to)) continue;
			edges.set(to, { from, to, because: `${relative(server, file)} imports '${specifier}'` });
		}
	}
	return graph;
}

/** The shortest way back from `start` to `goal`, as a list of edges. */
function shortestPath(
	graph: Map<string, Map<string, Edge>>,
	start: string,
	goal: string
): Edge[] | null {
	const cameBy = new Map<string, { from: string; edge: Edge } | null>([[start, null]]);
	const queue = [start];
	while (queue.length > 0) {
		const node = queue.shift()!;
		if (node === goal) {
			const path: Edge[] = [];
			for (let step = cameBy.get(node); step; step = cameBy.get(step.from)) path.unshift(step.edge);
			return path;
		}
		for (const edge of graph.get(node)?.values() ?? []) {
			if (cameBy.has(edge.to)) continue;
			cameBy.set(edge.to, { from: node, edge });
			queue.push(edge.to);
		}
	}
	return null;
}

/** For every edge on a cycle its shortest cycle, each cycle once, starting at its first folder. */
function folderCycles(graph: Map<string, Map<string, Edge>>): string[] {
	const cycles = new Map<string, string>();
	for (const edges of graph.values()) {
		for (const edge of edges.values()) {
			const back = shortestPath(graph, edge.to, edge.from);
			if (!back) continue;
			const loop = [edge, ...back];
			const start = loop.map((e) => e.from).indexOf(loop.map((e) => e.from).sort()[0]!);
			const rotated = [...loop.slice(start), ...loop.slice(0, start)];
			const path = [...rotated.map((e) => e.from), rotated[0]!.from].join(' → ');
			cycles.set(path, `${path}  (${rotated.map((e) => e.because).join('; ')})`);
		}
	}
	return [...cycles.values()].sort();
}

describe('architecture', () => {
	it('reads every kind of import and finds a cycle in a made-up graph', () => {
		expect(
			importsIn(`import type { A } from './a';
				import {
					b
				} from '$lib/server/b';
				export * from '../c';
				export { d } from './d';
				const e = await import('./e');
				import 'side-effect';`)
		).toEqual(['./a', '$lib/server/b', '../c', './d', './e', 'side-effect']);
		const edge = (from: string, to: string): [string, Edge] => [
			to,
			{ from, to, because: `${from} imports ${to}` }
		];
		const graph = new Map([
			['b', new Map([edge('b', 'c')])],
			['a', new Map([edge('a', 'b')])],
			['c', new Map([edge('c', 'a')])],
			['d', new Map([edge('d', 'a')])]
		]);
		expect(folderCycles(graph)).toEqual(['a → b → c → a  (a imports b; b imports c; c imports a)']);
	});

	it('has no import cycle between the folders of src/lib/server', () => {
		const graph = folderGraph();
		expect(graph.get('concept')?.has('db'), 'the graph sees ordinary imports').toBe(true);
		const cycles = folderCycles(graph);
		expect(
			cycles,
			`folders that import each other (STYLE.md habit 12):\n${cycles.join('\n')}\n`
		).toEqual([]);
	});

	it.skipIf(!existsSync(workshop))(
		'keeps src/lib/workshop isomorphic: nothing from the server or socket.io',
		() => {
			const forbidden = sourceFiles(workshop).flatMap((file) =>
				importsOf(file)
					.filter((specifier) => {
						const target = resolveImport(file, specifier);
						const intoServer =
							target !== null && (target === server || target.startsWith(server + sep));
						return intoServer || /^socket\.io(\/|$)/.test(specifier);
					})
					.map((specifier) => `${relative(lib, file)} imports '${specifier}'`)
			);
			expect(forbidden).toEqual([]);
		}
	);
});
