import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Issue 14: inside an app, imports run one way. No file imports itself back through others, and
// the feature folders under src/ form a hierarchy (no two folders that import each other).
const ROOT = path.resolve(__dirname, '../..');
const APPS = readdirSync(path.join(ROOT, 'apps'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** File → the files of the same app it imports (relative imports only: libs are held by Nx tags). */
function importGraph(srcDir: string): Map<string, string[]> {
  const files = new Set(sourceFiles(srcDir));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.resolve(path.dirname(file), name))
      .flatMap((base) => [`${base}.ts`, path.join(base, 'index.ts')].filter((candidate) => files.has(candidate)).slice(0, 1));
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected components with more than one member, or a member importing itself (Tarjan). */
function cycles<T>(graph: Map<T, T[]>): T[][] {
  let counter = 0;
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const found: T[][] = [];
  const visit = (node: T): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: T[] = [];
    let member: T;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The feature folder of a file: its first folder under src/ (files directly in src/ are the app's wiring). */
function folderOf(srcDir: string, file: string): string | undefined {
  const parts = path.relative(srcDir, file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

describe.each(APPS)('the import graph of apps/%s', (app) => {
  const srcDir = path.join(ROOT, 'apps', app, 'src');
  const graph = importGraph(srcDir);

  it('reads the app (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(10);
    expect([...graph.values()].flat().length).toBeGreaterThan(10);
  });

  it('has no import cycle between files', () => {
    const named = cycles(graph).map((component) => component.map((file) => path.relative(srcDir, file)).sort());
    expect(named).toEqual([]);
  });

  it('has no two feature folders that import each other (arrows point one way)', () => {
    // folder → folder it imports → one file that does it (named in the failure, to show where to cut)
    const folders = new Map<string, Map<string, string>>();
    for (const [file, targets] of graph) {
      const from = folderOf(srcDir, file);
      if (from === undefined) continue;
      const edges = folders.get(from) ?? new Map<string, string>();
      folders.set(from, edges);
      for (const target of targets) {
        const to = folderOf(srcDir, target);
        if (to !== undefined && to !== from && !edges.has(to))
          edges.set(to, `${path.relative(srcDir, file)} imports ${path.relative(srcDir, target)}`);
      }
    }
    const folderGraph = new Map([...folders].map(([folder, edges]) => [folder, [...edges.keys()]]));
    const loops = cycles(folderGraph).map((component) =>
      component
        .flatMap((from) =>
          [...folders.get(from)!].filter(([to]) => component.includes(to)).map(([to, example]) => `${from} → ${to} (${example})`),
        )
        .sort(),
    );
    expect(loops).toEqual([]);
  });
});

describe('cycles (the detector itself)', () => {
  it('finds a three-file loop and a self-import, and nothing in a tree', () => {
    const loop = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(cycles(loop).map((component) => component.sort())).toEqual(expect.arrayContaining([['a', 'b', 'c'], ['d']]));
    expect(cycles(loop)).toHaveLength(2);
    expect(
      cycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});
