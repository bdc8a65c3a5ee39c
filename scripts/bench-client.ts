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
 * Latencies of `rounds` sequential requests, paced (a pause as long as the answer took) to stay within
 * the per-user budget of expensive requests; a 429 waits its `Retry-After` and does not count.
 */
export async function pacedLatencies(url: string, init: RequestInit, rounds: number): Promise<number[]> {
  const samples: number[] = []
  while (samples.length < rounds) {
    const begun = performance.now()
    const response = await ask(url, init)
    await response.arrayBuffer()
    const took = performance.now() - begun
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('Retry-After') ?? 1)))
      continue
    }
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
