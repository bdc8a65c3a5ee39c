import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data'
import type { NewRegion } from '../db/schema.ts'
import type { RegionSource } from '../deps.ts'
import { toRegionRows } from '../domain/region-import.ts'
import { provinceOfCode } from '../domain/regions.ts'

/** Every region of Indonesia from the idn-area-data package (reads its CSV files; Node only). */
export async function allRegions(): Promise<NewRegion[]> {
  const [provinces, regencies, districts, villages] = await Promise.all([getProvinces(), getRegencies(), getDistricts(), getVillages()])
  return toRegionRows([...provinces, ...regencies, ...districts, ...villages])
}

/** The official region tables, read from the idn-area-data package. */
export const idnAreaSource: RegionSource = {
  async regency(code) {
    const regencies = await getRegencies()
    if (!regencies.some((regency) => regency.code === code)) return []
    const provinces = await getProvinces()
    const [districts, villages] = await Promise.all([getDistricts(), getVillages()])
    const inRegency = (row: { code: string }) => row.code.startsWith(`${code}.`)
    return toRegionRows([
      ...provinces.filter((province) => province.code === provinceOfCode(code)),
      ...regencies.filter((regency) => regency.code === code),
      ...districts.filter(inRegency),
      ...villages.filter(inRegency),
    ])
  },
  async regencies() {
    return toRegionRows(await getRegencies())
  },
}
