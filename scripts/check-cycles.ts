/**
 * Fails when any module under functions/ imports itself through a chain of value imports (type-only imports are
 * erased and cannot cycle at run time). Reads the import graph from esbuild's metafile, so `#platform/*`-style
 * subpath imports resolve exactly as the Lambda bundler resolves them. Part of `npm run check`.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const at = (m: Map<string, number>, k: string) => m.get(k) ?? Number.POSITIVE_INFINITY;

/** Strongly connected components with more than one module (or a self-import), by Tarjan's algorithm. */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(at(low, v), at(low, w)));
      } else if (onStack.has(w)) low.set(v, Math.min(at(low, v), at(indices, w)));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

async function main() {
  const entryPoints = sources(join(root, 'functions'));
  const result = await build({ entryPoints, absWorkingDir: root, bundle: true, write: false, outdir: 'out', platform: 'node', format: 'esm', packages: 'external', metafile: true, logLevel: 'error' });
  const graph = new Map<string, string[]>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!file.startsWith('functions/')) continue;
    graph.set(file, input.imports.filter((i) => !i.external && i.path.startsWith('functions/')).map((i) => i.path));
  }
  const cycles = cyclesOf(graph);
  if (cycles.length) {
    for (const c of cycles) console.error(`import cycle: ${c.map((f) => relative('functions', f)).join(' ↔ ')}`);
    process.exit(1);
  }
  console.log(`no import cycles among ${graph.size} modules under functions/`);
}

await main();
