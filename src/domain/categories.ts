import { compiledOnce } from '../db/compiled-once.ts'
import { rememberedReads } from '../db/remembered-reads.ts'
import type { ReportCategory } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import type { Language } from '../i18n/index.ts'
import { messagesFor } from '../i18n/index.ts'
import { writeAudited } from './audit.ts'
import { DomainError } from './errors.ts'
import type { Actor } from './permissions.ts'
import { regencyFor } from './regency-settings.ts'

/** The categories every regency starts with; labels are in the message catalogs. */
export const BUILTIN_CATEGORIES = [
  'social_conflict',
  'crime',
  'narcotics',
  'terrorism_radicalism',
  'land_dispute',
  'protest',
  'election',
  'disaster',
  'health',
  'foreigners',
  'other',
] as const

export interface Category {
  code: string
  label: string
  builtin: boolean
  retired: boolean
}

// Read by every filing: compiled once, and remembered.
const rememberedCategories = rememberedReads<ReportCategory[]>(['report_categories'])
const categoriesOf = compiledOnce((db, v: { regencyCode: string }) =>
  db.selectFrom('report_categories').selectAll().where('regency_code', '=', v.regencyCode),
)

/**
 * The categories of a regency in a language: the built-in ones and the regency's own, each
 * marked retired where the regency's admins retired it (still valid on old reports).
 */
export async function regencyCategories(deps: Pick<Deps, 'db'>, regencyCode: string, language: Language): Promise<Category[]> {
  const rows = await rememberedCategories(
    deps.db,
    regencyCode,
    async () => (await deps.db.executeQuery(categoriesOf(deps.db, { regencyCode }))).rows,
  )
  const byCode = new Map(rows.map((row) => [row.code, row]))
  const labels = messagesFor(language).categories as Record<string, string>
  const builtin = BUILTIN_CATEGORIES.map((code) => ({
    code,
    label: labels[code]!,
    builtin: true,
    retired: byCode.get(code)?.retired_at != null,
  }))
  const own = rows
    .filter((row) => !(BUILTIN_CATEGORIES as readonly string[]).includes(row.code))
    .map((row) => ({
      code: row.code,
      label: (language === 'en' ? row.label_en : row.label_id) ?? row.code,
      builtin: false,
      retired: row.retired_at !== null,
    }))
  return [...builtin, ...own]
}

/** A category's label, or its code where the category is unknown (a report from elsewhere). */
export function categoryLabel(categories: Category[], code: string): string {
  return categories.find((category) => category.code === code)?.label ?? code
}

/** Adds a regency category. Codes are lowercase snake_case, unique within the regency. */
export async function addCategory(
  deps: WriteDeps,
  actor: Actor,
  regencyCode: string,
  input: { code: string; label_id: string; label_en: string },
): Promise<void> {
  await regencyFor(deps, actor, regencyCode, 'regency.configure')
  const existing = await regencyCategories(deps, regencyCode, 'id')
  if (existing.some((category) => category.code === input.code)) throw new DomainError('conflict', 'categoryExists', 'code')
  const change = { action: 'category.add', entityType: 'report_category', entityId: `${regencyCode}/${input.code}`, after: input }
  await writeAudited(deps, actor, change, (now) =>
    deps.db
      .insertInto('report_categories')
      .values({ regency_code: regencyCode, ...input, created_at: now, retired_at: null })
      .compile(),
  )
}

/** Retires a category in a regency: no new reports may use it; old ones keep it. */
export async function retireCategory(deps: WriteDeps, actor: Actor, regencyCode: string, code: string): Promise<void> {
  await regencyFor(deps, actor, regencyCode, 'regency.configure')
  const category = (await regencyCategories(deps, regencyCode, 'id')).find((c) => c.code === code)
  if (!category) throw new DomainError('not_found', 'notFound')
  const change = { action: 'category.retire', entityType: 'report_category', entityId: `${regencyCode}/${code}` }
  await writeAudited(deps, actor, change, (now) =>
    deps.db
      .insertInto('report_categories')
      .values({ regency_code: regencyCode, code, label_id: null, label_en: null, created_at: now, retired_at: now })
      .onConflict((oc) => oc.columns(['regency_code', 'code']).doUpdateSet({ retired_at: now }))
      .compile(),
  )
}
