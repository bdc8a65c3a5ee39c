// `npm run demo`: Kabupaten Banyuwangi with one account per role and pillar at each level.
// Safe to run again: existing demo accounts get new passwords, nothing is duplicated.

import { readConfig } from '../src/config.ts'
import type { Pillar, Role } from '../src/db/schema.ts'
import { importRegions } from '../src/domain/region-import.ts'
import { homeRegencyStatements } from '../src/domain/setup.ts'
import { createUser, findUserByUsername, replacePassword, temporaryPassword } from '../src/domain/users.ts'
import { userJson } from '../src/domain/views.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'

const REGENCY = '35.10' // Kabupaten Banyuwangi
const DISTRICT = '35.10.01' // Kecamatan Pesanggaran
const VILLAGE = '35.10.01.2001' // Desa Sarongan

const accounts: { username: string; name: string; role: Role; pillar: Pillar; scope: string; position?: string }[] = [
  {
    username: 'admin.pemkab',
    name: 'Admin Pemkab Banyuwangi',
    role: 'admin',
    pillar: 'government',
    scope: REGENCY,
    position: 'Operator Pemkab',
  },
  { username: 'admin.kodim', name: 'Admin Kodim 0825', role: 'admin', pillar: 'military', scope: REGENCY, position: 'Operator Kodim' },
  {
    username: 'admin.polres',
    name: 'Admin Polresta Banyuwangi',
    role: 'admin',
    pillar: 'police',
    scope: REGENCY,
    position: 'Operator Polresta',
  },
  { username: 'bupati', name: 'Bupati Banyuwangi', role: 'reviewer', pillar: 'government', scope: REGENCY },
  { username: 'dandim', name: 'Dandim 0825/Banyuwangi', role: 'reviewer', pillar: 'military', scope: REGENCY },
  { username: 'kapolres', name: 'Kapolresta Banyuwangi', role: 'reviewer', pillar: 'police', scope: REGENCY },
  {
    username: 'admin.kec.pesanggaran',
    name: 'Admin Kecamatan Pesanggaran',
    role: 'admin',
    pillar: 'government',
    scope: DISTRICT,
    position: 'Operator Kecamatan',
  },
  {
    username: 'admin.koramil.pesanggaran',
    name: 'Admin Koramil Pesanggaran',
    role: 'admin',
    pillar: 'military',
    scope: DISTRICT,
    position: 'Operator Koramil',
  },
  {
    username: 'admin.polsek.pesanggaran',
    name: 'Admin Polsek Pesanggaran',
    role: 'admin',
    pillar: 'police',
    scope: DISTRICT,
    position: 'Operator Polsek',
  },
  { username: 'camat.pesanggaran', name: 'Camat Pesanggaran', role: 'reviewer', pillar: 'government', scope: DISTRICT },
  { username: 'danramil.pesanggaran', name: 'Danramil Pesanggaran', role: 'reviewer', pillar: 'military', scope: DISTRICT },
  { username: 'kapolsek.pesanggaran', name: 'Kapolsek Pesanggaran', role: 'reviewer', pillar: 'police', scope: DISTRICT },
  { username: 'kades.sarongan', name: 'Kepala Desa Sarongan', role: 'reporter', pillar: 'government', scope: VILLAGE },
  { username: 'babinsa.sarongan', name: 'Babinsa Sarongan', role: 'reporter', pillar: 'military', scope: VILLAGE },
  { username: 'bhabin.sarongan', name: 'Bhabinkamtibmas Sarongan', role: 'reporter', pillar: 'police', scope: VILLAGE },
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
