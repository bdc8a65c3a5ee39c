import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { newId } from '../../src/domain/ids.ts'

describe('new ids', () => {
  it('are UUIDv7: version 7, RFC variant, the time in front, so later ids sort later', () => {
    const at = Date.UTC(2026, 10, 23, 5, 0, 0)
    const id = newId(at)
    expect(v.is(v.pipe(v.string(), v.uuid()), id)).toBe(true)
    expect(id[14]).toBe('7')
    expect('89ab').toContain(id[19])
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at)
    const ids = [at + 2, at, at + 1, at + 1000].map((time) => newId(time))
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0], ids[3]])
    expect(new Set(Array.from({ length: 1000 }, () => newId(at))).size).toBe(1000)
  })
})
