// Starts bench/lib/server.mjs (a provider stand-in) in its own process, so it does not share the
// client's event loop. `env` picks the dialect (DIALECT) and the injected faults (FAULT_429, FAULT_RESET).
import { type ChildProcess, fork } from 'node:child_process'

export interface ProviderProcess {
  url: string
  child: ChildProcess
  /** The server's counts: requests, accepted messages, duplicates, faults injected. */
  stats(): Promise<Record<string, number>>
}

export async function startProvider(env: Record<string, string>): Promise<ProviderProcess> {
  const child = fork(new URL('./server.mjs', import.meta.url), [], { env: { ...process.env, ...env }, stdio: 'inherit' })
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)))
  const url = `http://127.0.0.1:${port}`
  return { url, child, stats: async () => (await (await fetch(`${url}/stats`)).json()) as Record<string, number> }
}
