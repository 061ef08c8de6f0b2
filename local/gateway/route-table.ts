import type { HttpMethod, RestRoute } from '../../lib/capabilities/types';

export type RouteMatch =
  | { kind: 'found'; route: RestRoute; pathParameters: Record<string, string> | null }
  | { kind: 'method-not-allowed'; allowed: HttpMethod[] }
  | { kind: 'not-found' };

interface Resource {
  path: string;
  segments: string[];
  /** Static segments rank 0 and `{param}` segments 1, so comparing these vectors picks the most specific resource. */
  rank: number[];
  methods: Map<HttpMethod, RestRoute>;
}

const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');
const split = (path: string) => path.split('/').filter(Boolean);

/**
 * Matches request paths to declared resources as API Gateway does: a static segment wins over a `{param}` at the
 * same position (`/concerts/search` beats `/concerts/{id}`), then the method picks the route.
 */
export class RouteTable {
  private readonly resources: Resource[] = [];

  constructor(routes: RestRoute[]) {
    const byPath = new Map<string, Resource>();
    for (const route of routes) {
      let resource = byPath.get(route.path);
      if (!resource) {
        const segments = split(route.path);
        resource = { path: route.path, segments, rank: segments.map((s) => (isParam(s) ? 1 : 0)), methods: new Map() };
        byPath.set(route.path, resource);
        this.resources.push(resource);
      }
      if (resource.methods.has(route.method)) throw new Error(`Duplicate route ${route.method} ${route.path}`);
      resource.methods.set(route.method, route);
    }
  }

  match(method: string, path: string): RouteMatch {
    const requested = split(path);
    const candidates = this.resources
      .filter((r) => r.segments.length === requested.length && r.segments.every((s, i) => isParam(s) || s === requested[i]))
      .sort((a, b) => compareRank(a.rank, b.rank));
    const resource = candidates[0];
    if (!resource) return { kind: 'not-found' };
    const route = resource.methods.get(method as HttpMethod);
    if (!route) return { kind: 'method-not-allowed', allowed: [...resource.methods.keys()] };
    const params: Record<string, string> = {};
    resource.segments.forEach((s, i) => {
      if (isParam(s)) params[s.slice(1, -1)] = safeDecode(requested[i] ?? '');
    });
    return { kind: 'found', route, pathParameters: Object.keys(params).length ? params : null };
  }

  /** Whether any resource has this path, whatever the method (for CORS preflight). */
  has(path: string): boolean {
    return this.match('GET', path).kind !== 'not-found';
  }
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
