import type { PhotoView } from '../src/domain/report-photos.ts'
import type { Messages } from '../src/i18n/index.ts'

// The thumbnail's longest side, as the server makes it: the page reserves the space before it loads.
const THUMBNAIL_SIDE = 320

/** A report's photos as thumbnails, each a link to its display size. */
export function PhotoGallery({ t, photos }: { t: Messages; photos: PhotoView[] }) {
  if (photos.length === 0) return null
  return (
    <ul class="photos">
      {photos.map((photo, i) => {
        const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(photo.width, photo.height))
        const href = `/reports/${photo.report_id}/photos/${photo.id}`
        return (
          <li>
            <a href={href}>
              <img
                src={`${href}/thumbnail`}
                width={Math.round(photo.width * scale)}
                height={Math.round(photo.height * scale)}
                alt={t.reports.photoAlt(i + 1)}
                loading="lazy"
              />
            </a>
          </li>
        )
      })}
    </ul>
  )
}
