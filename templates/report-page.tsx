import type { ReportStatus } from '../src/db/schema.ts'
import { type Category, categoryLabel } from '../src/domain/categories.ts'
import { LIMITS } from '../src/domain/input-limits.ts'
import type { PhotoView } from '../src/domain/report-photos.ts'
import type { ReportRow, TimelineEntry } from '../src/domain/reports.ts'
import { CsrfField, type FieldErrors, FormAlert, Notice, PhotoField, SelectField, TextAreaField } from './form-fields.tsx'
import { localDateTime } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { PhotoGallery } from './photo-gallery.tsx'
import { LevelBadge, StatusBadge } from './report-badges.tsx'

export interface SubmittedEvent {
  type: 'status' | 'comment'
  note: string
  status?: string
}

export interface ReportPageProps {
  ctx: PageContext
  report: ReportRow
  /** The photos filed with the report; a comment's photos are in its timeline entry. */
  photos: PhotoView[]
  timeline: TimelineEntry[]
  categories: Category[]
  /** The statuses this viewer may move the report to; none hides the status form. */
  statusChoices: readonly ReportStatus[]
  /** Siaga/awas still unacknowledged: needs attention, or already past its deadline. */
  attention: 'needs_attention' | 'overdue' | null
  errors: FieldErrors
  /** What the user sent in a refused form (both forms have a `note`): re-shown with its errors. */
  submitted?: SubmittedEvent
  alert?: string
  notice?: string
}

/** One report with its timeline, a comment form, and for reviewers the status form. */
export function ReportPage({
  ctx,
  report,
  photos,
  timeline,
  categories,
  statusChoices,
  attention,
  errors,
  submitted,
  alert,
  notice,
}: ReportPageProps) {
  const { t, lang } = ctx
  return (
    <Layout ctx={ctx} title={report.title}>
      <section class="card">
        <p>
          <a href="/reports">← {t.reports.title}</a>
        </p>
        <Notice message={notice} />
        <FormAlert message={alert} />
        <h1>{report.title}</h1>
        <div class="report-meta">
          <LevelBadge t={t} level={report.alert_level} /> <StatusBadge t={t} status={report.status} />
          {report.restricted === 1 && <span class="badge">{t.reports.restrictedBadge}</span>}
          {attention === 'overdue' && <strong class="error">{t.reports.overdue}</strong>}
          {attention === 'needs_attention' && <strong>{t.reports.needsAttention}</strong>}
        </div>
        <dl class="facts">
          <dt>{t.reports.category}</dt>
          <dd>{categoryLabel(categories, report.category)}</dd>
          <dt>{t.reports.village}</dt>
          <dd>
            {report.village_name} <small class="muted">({report.village_code})</small>
          </dd>
          <dt>{t.reports.occurredAt}</dt>
          <dd>{localDateTime(report.occurred_at, report.timezone, lang)}</dd>
          <dt>{t.reports.reporter}</dt>
          <dd>
            {report.reporter_name} · {t.pillars[report.reporter_pillar]}
          </dd>
          {report.latitude !== null && (
            <>
              <dt>GPS</dt>
              <dd>
                {report.latitude}, {report.longitude}
              </dd>
            </>
          )}
        </dl>
        <p class="description">{report.description}</p>
        <PhotoGallery t={t} photos={photos} />
      </section>
      <section class="card">
        <h2>{t.reports.timeline}</h2>
        {timeline.length === 0 ? (
          <p class="muted">{t.reports.noTimeline}</p>
        ) : (
          <ol class="timeline">
            {timeline.map((entry) => (
              <li>
                <div class="report-meta">
                  <strong>{entry.author.name}</strong>
                  <span>{t.pillars[entry.author.pillar]}</span>
                  <span>{localDateTime(entry.created_at, report.timezone, lang)}</span>
                  {entry.status && <StatusBadge t={t} status={entry.status} />}
                </div>
                {entry.photos.length > 0 && <p>{t.reports.addedPhotos(entry.author.title, entry.photos.length)}</p>}
                {entry.note && <p>{entry.note}</p>}
                <PhotoGallery t={t} photos={entry.photos} />
              </li>
            ))}
          </ol>
        )}
        {statusChoices.length > 0 && (
          <form method="post" action={`/reports/${report.id}/events`} class="event-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="type" value="status" />
            <input type="hidden" name="version" value={String(report.version)} />
            <h3>{t.reports.changeStatus}</h3>
            <SelectField
              name="status"
              label={t.reports.status}
              errors={{}}
              value={submitted?.type === 'status' ? submitted.status : undefined}
              options={statusChoices.map((status) => ({ value: status, label: t.statuses[status] }))}
            />
            <EventNoteField type="status" label={t.reports.note} submitted={submitted} errors={errors} />
            <button type="submit" class="primary">
              {t.reports.saveStatus}
            </button>
          </form>
        )}
        <form method="post" action={`/reports/${report.id}/events`} class="event-form" enctype="multipart/form-data">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="type" value="comment" />
          <EventNoteField type="comment" label={t.reports.comment} submitted={submitted} errors={errors} />
          <PhotoField
            id="comment-photos"
            name="photos"
            label={t.reports.photos}
            hint={t.reports.photosHint}
            errors={submitted?.type === 'comment' ? errors : {}}
          />
          <button type="submit">{t.reports.addComment}</button>
        </form>
      </section>
    </Layout>
  )
}

/** The note of a status change or comment; each form shows only its own errors. */
function EventNoteField({
  type,
  label,
  submitted,
  errors,
}: {
  type: 'status' | 'comment'
  label: string
  submitted?: SubmittedEvent
  errors: FieldErrors
}) {
  const ours = submitted?.type === type
  return (
    <TextAreaField
      id={`${type}-note`}
      name="note"
      label={label}
      value={ours ? submitted.note : undefined}
      errors={ours ? errors : {}}
      rows={3}
      // A comment may be photos alone.
      required={type === 'status'}
      maxlength={LIMITS.eventNote}
    />
  )
}
