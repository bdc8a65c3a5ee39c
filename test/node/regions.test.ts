import { describe, expect, it } from 'vitest'
import { migrate } from '../../src/db/migrate.ts'
import { openSqlite } from '../../src/db/sqlite.ts'
import { importRegions, regionUpsertsAsSql } from '../../src/domain/region-import.ts'
import { levelOfCode, parentOfCode, timezoneOfCode } from '../../src/domain/regions.ts'
import { scopeContains, scopeLevelFits, scopeRange } from '../../src/domain/scope.ts'
import { allRegions, idnAreaSource } from '../../src/entry/idn-area-source.ts'

function memoryDeps() {
  const handle = openSqlite(':memory:')
  migrate(handle.sqlite)
  return { ...handle, clock: () => new Date('2026-11-22T00:00:00Z') }
}

describe('region codes', () => {
  it('derive level and parent from the code', () => {
    expect(levelOfCode('35')).toBe('province')
    expect(levelOfCode('35.10.01.2001')).toBe('village')
    expect(parentOfCode('35.10.01.2001')).toBe('35.10.01')
    expect(parentOfCode('35')).toBeNull()
  })

  it('know the time zone of every province', () => {
    expect(timezoneOfCode('35.10')).toBe('Asia/Jakarta') // Jawa Timur
    expect(timezoneOfCode('21.71')).toBe('Asia/Jakarta') // Kepulauan Riau
    expect(timezoneOfCode('62.01')).toBe('Asia/Jakarta') // Kalimantan Tengah
    expect(timezoneOfCode('51.71')).toBe('Asia/Makassar') // Bali
    expect(timezoneOfCode('64.72')).toBe('Asia/Makassar') // Kalimantan Timur
    expect(timezoneOfCode('75')).toBe('Asia/Makassar') // Gorontalo
    expect(timezoneOfCode('82.71')).toBe('Asia/Jayapura') // Maluku Utara
    expect(timezoneOfCode('95.01.01.2001')).toBe('Asia/Jayapura') // Papua Pegunungan
  })
})

describe('the scope rule', () => {
  it('covers the scope region and everything below it, nothing else', () => {
    expect(scopeContains('35.10', '35.10')).toBe(true)
    expect(scopeContains('35.10', '35.10.01.2001')).toBe(true)
    expect(scopeContains('35.10.01', '35.10.02.2001')).toBe(false)
    expect(scopeContains('35.10.01', '35.10')).toBe(false)
    expect(scopeContains('35.1', '35.10')).toBe(false)
  })

  it('has the same meaning as an SQL range', () => {
    const { from, to } = scopeRange('35.10')
    const inRange = (code: string) => code >= from && code < to
    for (const code of ['35.10', '35.10.01', '35.10.01.2001', '35.1', '35.100', '35.11', '35.09.01', '36.10'])
      expect(inRange(code), code).toBe(scopeContains('35.10', code))
  })

  it('fits reporters to villages and reviewers/admins to districts or regencies', () => {
    expect(scopeLevelFits('reporter', '35.10.01.2001')).toBe(true)
    expect(scopeLevelFits('reporter', '35.10.01')).toBe(false)
    expect(scopeLevelFits('reviewer', '35.10.01')).toBe(true)
    expect(scopeLevelFits('admin', '35.10')).toBe(true)
    expect(scopeLevelFits('admin', '35')).toBe(false)
  })
})

describe('region import', () => {
  it('imports Banyuwangi with its 25 districts and 217 villages, idempotently', async () => {
    const deps = memoryDeps()
    const rows = await idnAreaSource.regency('35.10')
    const first = await importRegions(deps, rows, null, '35.10')
    expect(first.counts).toEqual({ province: 1, regency: 1, district: 25, village: 217 })
    expect(first.changed).toBe(244)
    const again = await importRegions(deps, rows, null, '35.10')
    expect(again.changed).toBe(0)
    const stored = deps.sqlite.prepare('SELECT count(*) FROM regions').pluck().get()
    expect(stored).toBe(244)
    await deps.close()
  })

  it('imports the whole country: 38 provinces, 514 regencies, 7,285 districts, 83,762 villages', async () => {
    const deps = memoryDeps()
    const rows = await allRegions()
    const result = await importRegions(deps, rows, null, 'ID')
    expect(result.counts).toEqual({ province: 38, regency: 514, district: 7285, village: 83762 })
    expect((await importRegions(deps, rows, null, 'ID')).changed).toBe(0)
    const papua = deps.sqlite.prepare("SELECT DISTINCT timezone FROM regions WHERE code LIKE '9%'").pluck().all()
    expect(papua).toEqual(['Asia/Jayapura'])
    await deps.close()
  })

  it('writes SQL for D1 that loads the same rows', async () => {
    const deps = memoryDeps()
    const sqlText = regionUpsertsAsSql(deps, await idnAreaSource.regency('35.13'))
    deps.sqlite.exec(sqlText)
    // Names with quotes survive: Probolinggo has "Soka'an".
    expect(deps.sqlite.prepare("SELECT name FROM regions WHERE code = '35.13.15.2017'").pluck().get()).toBe('Soka"an')
    await deps.close()
  })
})
