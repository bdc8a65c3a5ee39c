import { describe, expect, it } from 'vitest'
import { readConfig } from '../../src/config.ts'
import { forwardedClient } from '../../src/http/client-address.ts'

describe('the client address behind reverse proxies', () => {
  it('takes the entry the outermost trusted proxy wrote, never what the client put in front', () => {
    expect(forwardedClient('6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9')
    expect(forwardedClient('1.1.1.1, 2.2.2.2, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9')
    expect(forwardedClient('203.0.113.9', 1)).toBe('203.0.113.9')
    // Fewer entries than proxies: the request did not come through them; use the socket.
    expect(forwardedClient('203.0.113.9', 2)).toBeUndefined()
    expect(forwardedClient(undefined, 1)).toBeUndefined()
    expect(forwardedClient('6.6.6.6', 0)).toBeUndefined()
  })

  it('reads TRUST_PROXY as a number of proxies, and refuses anything else', () => {
    expect(readConfig({}).proxyHops).toBe(0)
    expect(readConfig({ TRUST_PROXY: '1' }).proxyHops).toBe(1)
    expect(readConfig({ TRUST_PROXY: 'true' }).proxyHops).toBe(1)
    expect(readConfig({ TRUST_PROXY: '2' }).proxyHops).toBe(2)
    expect(() => readConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/)
  })
})
