// `npm run demo`: its own database (./data/demo.sqlite, or DB_FILE) with Kabupaten Banyuwangi, one
// account per role and pillar at each level, and on the first run two years of reports and Rakor.
// Never the installation's database. Safe to run again: the accounts get new passwords, nothing
// is duplicated.

import { readConfig } from '../src/config.ts'
import type { Pillar, Role, User } from '../src/db/schema.ts'
import { importRegions } from '../src/domain/region-import.ts'
import { PILLARS } from '../src/domain/roles.ts'
import { homeRegencyStatements } from '../src/domain/setup.ts'
import { createUser, findUserByUsername, replacePassword, temporaryPassword } from '../src/domain/users.ts'
import { userJson } from '../src/domain/views.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { seedHistory } from './demo-history.ts'

const DEMO_DB = './data/demo.sqlite'
const REGENCY = '35.10' // Kabupaten Banyuwangi
const DISTRICT = '35.10.01' // Kecamatan Pesanggaran
const VILLAGE = '35.10.01.2001' // Desa Sarongan

interface DemoAccount {
  username: string
  name: string
  role: Role
  pillar: Pillar
  scope: string
  position?: string
  rank?: string
  id_number?: string
}

/** One account per pillar at `scope`: `[username, name, position?, rank?, NRP/NIP?]` for government, military, police. */
function threePillars(role: Role, scope: string, people: [string, string, string?, string?, string?][]): DemoAccount[] {
  return people.map(([username, name, position, rank, id_number], i) => ({
    username,
    name,
    role,
    pillar: PILLARS[i]!,
    scope,
    position,
    rank,
    id_number,
  }))
}

const accounts: DemoAccount[] = [
  ...threePillars('admin', REGENCY, [
    ['admin.pemkab', 'Admin Pemkab Banyuwangi', 'Operator Pemkab'],
    ['admin.kodim', 'Admin Kodim 0825', 'Operator Kodim'],
    ['admin.polres', 'Admin Polresta Banyuwangi', 'Operator Polresta'],
  ]),
  ...threePillars('reviewer', REGENCY, [
    ['bupati', 'Dra. Hj. Siti Rahmawati, M.M.'],
    ['dandim', 'Letkol Inf Agus Wibowo', undefined, 'Letnan Kolonel Infanteri', '11010012340978'],
    ['kapolres', 'Kombes Pol Hendra Kurniawan, S.I.K.', 'Kapolresta', 'Komisaris Besar Polisi', '78050512'],
  ]),
  ...threePillars('admin', DISTRICT, [
    ['admin.kec.pesanggaran', 'Admin Kecamatan Pesanggaran', 'Operator Kecamatan'],
    ['admin.koramil.pesanggaran', 'Admin Koramil Pesanggaran', 'Operator Koramil'],
    ['admin.polsek.pesanggaran', 'Admin Polsek Pesanggaran', 'Operator Polsek'],
  ]),
  ...threePillars('reviewer', DISTRICT, [
    ['camat.pesanggaran', 'Drs. Slamet Riyadi, M.Si', undefined, 'Pembina, IV/a', '197004121990031005'],
    ['danramil.pesanggaran', 'Kapten Inf Sugeng Hariyanto', undefined, 'Kapten Infanteri', '21960123450172'],
    ['kapolsek.pesanggaran', 'AKP Budi Santoso, S.H.', undefined, 'Ajun Komisaris Polisi', '84031198'],
  ]),
  ...threePillars('reporter', VILLAGE, [
    ['kades.sarongan', 'Kepala Desa Sarongan'],
    ['babinsa.sarongan', 'Babinsa Sarongan'],
    ['bhabin.sarongan', 'Bhabinkamtibmas Sarongan'],
  ]),
]

const config = readConfig({ ...process.env, DB_FILE: process.env.DB_FILE || DEMO_DB })
const deps = nodeDeps(config)
const { counts } = await importRegions(deps, await idnAreaSource.regency(REGENCY), null, REGENCY)
await deps.atomic(homeRegencyStatements(deps, REGENCY, null))

const rows: string[][] = []
const people: Record<string, User> = {}
for (const account of accounts) {
  const password = temporaryPassword()
  const existing = await findUserByUsername(deps, account.username)
  if (existing) await replacePassword(deps, null, existing.id, password, false)
  const user = existing
    ? existing
    : await createUser(
        deps,
        {
          username: account.username,
          name: account.name,
          role: account.role,
          pillar: account.pillar,
          scope_code: account.scope,
          position: account.position ?? null,
          rank: account.rank ?? null,
          id_number: account.id_number ?? null,
        },
        { actor: null, password, temporary: false },
      )
  rows.push([account.username, password, account.role, userJson(user).title, account.scope])
  people[account.username] = user
}
const fresh = !(await deps.db.selectFrom('reports').select('id').limit(1).executeTakeFirst())
const history = fresh ? await seedHistory(deps, REGENCY, people, new Date()) : undefined

console.log(`Kabupaten Banyuwangi: ${counts.district} districts, ${counts.village} villages (database ${config.dbFile}).\n`)
const header = ['username', 'password', 'role', 'title', 'scope']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '))
if (history) console.log(`\nTwo years of history: ${history.reports} reports, ${history.meetings} Rakor (past ones held).`)
console.log(`\nServe this database: DB_FILE=${config.dbFile} npm start, then log in at ${config.publicUrl}/login`)
await deps.handle.close()
