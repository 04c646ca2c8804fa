/**
 * Runs a hook before the Forge runtime seam forwards a request, e.g. to let a person edit an issue
 * between the app's read and its write. The hook wraps `global.__forge_fetch__`, the function
 * @forge/api sends every product request through; the returned function restores it.
 */
type ForgeFetch = (target: { type: string; provider?: string; remote?: string }, path: string, init?: RequestInit) => Promise<Response>;

export function beforeForgeFetch(hook: (target: Parameters<ForgeFetch>[0], path: string, init: RequestInit) => Promise<void>): () => void {
  const globals = globalThis as typeof globalThis & { __forge_fetch__: ForgeFetch };
  const original = globals.__forge_fetch__;
  globals.__forge_fetch__ = async (target, path, init = {}) => {
    await hook(target, path, init);
    return original(target, path, init);
  };
  return () => {
    globals.__forge_fetch__ = original;
  };
}
