/**
 * How the Forge runtime seam tells the Jira simulator who is calling. In Forge the platform proxy
 * attaches the app's or the user's credentials; here the runtime adds these headers instead.
 */
export const PRINCIPAL_HEADER = 'x-forge-sim-principal';
export const ACCOUNT_HEADER = 'x-forge-sim-account-id';

export type Principal =
  | { kind: 'app'; accountId: string }
  | { kind: 'user'; accountId: string }
  | { kind: 'anonymous' };

export function principalHeaders(principal: Principal): Record<string, string> {
  if (principal.kind === 'anonymous') return {};
  return { [PRINCIPAL_HEADER]: principal.kind, [ACCOUNT_HEADER]: principal.accountId };
}

export function principalFromHeaders(get: (name: string) => string | undefined): Principal {
  const kind = get(PRINCIPAL_HEADER);
  const accountId = get(ACCOUNT_HEADER);
  if ((kind === 'app' || kind === 'user') && accountId) return { kind, accountId };
  return { kind: 'anonymous' };
}
