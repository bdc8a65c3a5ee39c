import type { Deps } from '../src/deps.ts'
import { levelOfCode } from '../src/domain/regions.ts'
import { PILLARS } from '../src/domain/roles.ts'

/**
 * Three pillar accounts for every region below `regionCode` (Banyuwangi's districts and villages:
 * 726; a province's regencies too), written
 * directly with one shared unusable password hash: for scale tests and benchmarks only, where
 * hashing 700 passwords would measure scrypt instead of the app.
 */
export async function seedAllPillars(deps: Pick<Deps, 'db'>, regionCode: string): Promise<number> {
  const regions = await deps.db
    .selectFrom('regions')
    .select('code')
    .where('code', '>=', `${regionCode}.`)
    .where('code', '<', `${regionCode}/`)
    .execute()
  const now = new Date().toISOString()
  const rows = regions.flatMap(({ code }) =>
    PILLARS.map((pillar) => ({
      id: crypto.randomUUID(),
      username: `scale.${pillar}.${code}`,
      name: `${pillar} ${code}`,
      role: levelOfCode(code) === 'village' ? ('reporter' as const) : ('reviewer' as const),
      pillar,
      scope_code: code,
      position: null,
      password_hash: '$scrypt$ln=14,r=8,p=5$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      must_change_password: 0,
      active: 1,
      created_at: now,
      updated_at: now,
    })),
  )
  for (let i = 0; i < rows.length; i += 500)
    await deps.db
      .insertInto('users')
      .values(rows.slice(i, i + 500))
      .execute()
  return rows.length
}
