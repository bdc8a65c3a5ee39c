// `npm run demo`: Kabupaten Banyuwangi with one account per role and pillar at each level.
// Safe to run again: existing demo accounts get new passwords, nothing is duplicated.

import { readConfig } from '../src/config.ts'
import type { Pillar, Role } from '../src/db/schema.ts'
import { importRegions } from '../src/domain/region-import.ts'
import { PILLARS } from '../src/domain/roles.ts'
import { homeRegencyStatements } from '../src/domain/setup.ts'
import { createUser, findUserByUsername, replacePassword, temporaryPassword } from '../src/domain/users.ts'
import { userJson } from '../src/domain/views.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'

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
}

/** One account per pillar at `scope`: `[username, name, position?]` for government, military, police. */
function threePillars(role: Role, scope: string, people: [string, string, string?][]): DemoAccount[] {
  return people.map(([username, name, position], i) => ({ username, name, role, pillar: PILLARS[i]!, scope, position }))
}

const accounts: DemoAccount[] = [
  ...threePillars('admin', REGENCY, [
    ['admin.pemkab', 'Admin Pemkab Banyuwangi', 'Operator Pemkab'],
    ['admin.kodim', 'Admin Kodim 0825', 'Operator Kodim'],
    ['admin.polres', 'Admin Polresta Banyuwangi', 'Operator Polresta'],
  ]),
  ...threePillars('reviewer', REGENCY, [
    ['bupati', 'Bupati Banyuwangi'],
    ['dandim', 'Dandim 0825/Banyuwangi'],
    ['kapolres', 'Kapolresta Banyuwangi'],
  ]),
  ...threePillars('admin', DISTRICT, [
    ['admin.kec.pesanggaran', 'Admin Kecamatan Pesanggaran', 'Operator Kecamatan'],
    ['admin.koramil.pesanggaran', 'Admin Koramil Pesanggaran', 'Operator Koramil'],
    ['admin.polsek.pesanggaran', 'Admin Polsek Pesanggaran', 'Operator Polsek'],
  ]),
  ...threePillars('reviewer', DISTRICT, [
    ['camat.pesanggaran', 'Camat Pesanggaran'],
    ['danramil.pesanggaran', 'Danramil Pesanggaran'],
    ['kapolsek.pesanggaran', 'Kapolsek Pesanggaran'],
  ]),
  ...threePillars('reporter', VILLAGE, [
    ['kades.sarongan', 'Kepala Desa Sarongan'],
    ['babinsa.sarongan', 'Babinsa Sarongan'],
    ['bhabin.sarongan', 'Bhabinkamtibmas Sarongan'],
  ]),
]

const config = readConfig(process.env)
const deps = nodeDeps(config)
const { counts } = await importRegions(deps, await idnAreaSource.regency(REGENCY), null, REGENCY)
await deps.atomic(homeRegencyStatements(deps, REGENCY, null))

const rows: string[][] = []
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
        },
        { actor: null, password, temporary: false },
      )
  rows.push([account.username, password, account.role, userJson(user).title, account.scope])
}

console.log(`Kabupaten Banyuwangi: ${counts.district} districts, ${counts.village} villages (database ${config.dbFile}).\n`)
const header = ['username', 'password', 'role', 'title', 'scope']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '))
console.log(`\nStart the server with \`npm start\` and log in at ${config.publicUrl}/login`)
await deps.handle.close()
