/**
 * A fetch for driver unit tests: records every request and answers from a script, one answer per
 * call (the last one repeats). `'network'` throws as `fetch` does when the connection fails.
 */
export type ScriptedAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network'

export interface SeenRequest {
  method: string
  url: string
  headers: Headers
  /** The `Authorization` header, as sent. */
  auth: string | null
  body: unknown
}

export function scriptedFetch(answers: ScriptedAnswer[]) {
  const seen: SeenRequest[] = []
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init)
    seen.push({ method: req.method, url: req.url, headers: req.headers, auth: req.headers.get('authorization'), body: await req.json() })
    const a = answers[seen.length - 1] ?? answers.at(-1)
    if (a === 'network' || a === undefined) throw new TypeError('fetch failed')
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json', ...a.headers } })
  }
  return { seen, fetch }
}
