// What a benchmark's client does, with nothing of the app in it: scripts/bench-probe.ts runs it in
// a process of its own.

/** fetch, once more if the connection was reset (a kept-alive socket the server closed meanwhile, as after a wrk run). */
export async function ask(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch {
    return await fetch(url, init)
  }
}

/**
 * An expensive request's answer, read whole, and how long it took: a 429 (the per-user budget of
 * expensive requests, or the share of time all of them may take) waits its `Retry-After`, is asked
 * again, and does not count.
 */
export async function budgetedAnswer(url: string, init: RequestInit): Promise<{ response: Response; body: ArrayBuffer; took: number }> {
  for (;;) {
    const begun = performance.now()
    const response = await ask(url, init)
    const body = await response.arrayBuffer()
    const took = performance.now() - begun
    if (response.status !== 429) return { response, body, took }
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('Retry-After') ?? 1)))
  }
}

/**
 * Latencies of `rounds` sequential requests, paced (a pause as long as the answer took) to stay within
 * the per-user budget of expensive requests; a 429 waits its `Retry-After` and does not count.
 */
export async function pacedLatencies(url: string, init: RequestInit, rounds: number): Promise<number[]> {
  const samples: number[] = []
  while (samples.length < rounds) {
    const { response, took } = await budgetedAnswer(url, init)
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
    samples.push(took)
    await new Promise((resolve) => setTimeout(resolve, took + 5))
  }
  return samples
}

/** Latencies of `rounds` requests to `url` asked back to back, each read whole. */
export async function backToBackLatencies(url: string, init: RequestInit, rounds: number): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const begun = performance.now()
    await (await ask(url, init)).arrayBuffer()
    samples.push(performance.now() - begun)
  }
  return samples
}
