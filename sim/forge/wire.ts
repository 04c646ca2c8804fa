/** A reply from an in-process platform service (KVS, queue), turned into a fetch Response by the runtime. */
export interface WireReply {
  status: number;
  body?: unknown;
}

export function toResponse(reply: WireReply): Response {
  if (reply.body === undefined) return new Response(null, { status: reply.status });
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Forge platform services answer errors as `{code, message}` (see @forge/kvs `isForgeError`). */
export function forgeError(status: number, code: string, message: string): WireReply {
  return { status, body: { code, message } };
}
