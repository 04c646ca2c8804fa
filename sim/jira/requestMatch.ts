import type { Principal } from '../principal';

/** Selects requests for fault rules and call-log counts. A string path is a glob: `*` is one path segment, `**` anything. */
export interface RequestFilter {
  method?: string;
  path?: string | RegExp;
  principal?: Principal['kind'];
}

export function matchesRequest(filter: RequestFilter, method: string, path: string, principal: Principal): boolean {
  if (filter.method && filter.method.toUpperCase() !== method.toUpperCase()) return false;
  if (filter.principal && filter.principal !== principal.kind) return false;
  if (filter.path === undefined) return true;
  return (typeof filter.path === 'string' ? globToRegExp(filter.path) : filter.path).test(path);
}

function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split('**')
    .map((part) => part.split('*').map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`);
}
