import { fliph, PhotonImage, resize, rotate, SamplingFilter } from '@cf-wasm/photon'
import { imageSize } from 'image-size'

/**
 * What is kept of an uploaded photo: a display size and a thumbnail, both JPEG re-encoded from the
 * pixels alone. Decoding and encoding again is what removes EXIF and every other piece of
 * metadata (a phone's GPS position above all), whatever the file carried.
 */
export interface PreparedPhoto {
  display: Uint8Array
  thumbnail: Uint8Array
  width: number
  height: number
}

/** Makes an uploaded photo ready to keep; done off the request thread where the runtime allows. */
export type PhotoPreparer = (bytes: Uint8Array) => Promise<PreparedPhoto>

/** Longest side of the kept photo: enough to read a sign or a face on a phone or a projector. */
export const DISPLAY_SIDE = 1600
const THUMBNAIL_SIDE = 320
/**
 * The most pixels decoded: 24 megapixels is 96 MB of RGBA, near what a Worker may hold. Phones
 * take 12 MP by default; the app's own page downscales before sending, so only a plain form
 * upload of a very large original meets this.
 */
export const MAX_PIXELS = 24_000_000

/** Why a photo cannot be prepared, named for the message the user sees. */
export class PhotoRefused extends Error {
  // A plain field, not a parameter property: the photo thread runs this file with types stripped.
  readonly reason: 'photoUnreadable' | 'photoTooManyPixels'
  constructor(reason: PhotoRefused['reason']) {
    super(reason)
    this.reason = reason
  }
}

/** The image's pixel size and EXIF orientation, read from its header without decoding it. */
function header(bytes: Uint8Array): { width: number; height: number; orientation: number } {
  try {
    const size = imageSize(bytes)
    if (!size.width || !size.height) throw new PhotoRefused('photoUnreadable')
    return { width: size.width, height: size.height, orientation: size.orientation ?? 1 }
  } catch (error) {
    throw error instanceof PhotoRefused ? error : new PhotoRefused('photoUnreadable')
  }
}

/** Turns the decoded pixels upright as the camera's orientation tag says (1, 3, 6, 8 and their mirrors). */
function upright(image: PhotonImage, orientation: number): PhotonImage {
  if ([2, 4, 5, 7].includes(orientation)) fliph(image)
  const angle = { 3: 180, 4: 180, 5: 270, 6: 90, 7: 90, 8: 270 }[orientation]
  if (!angle) return image
  const turned = rotate(image, angle)
  image.free()
  return turned
}

/** `image` scaled down (never up) so its longest side is at most `side`, as JPEG. */
function scaledJpeg(image: PhotonImage, side: number, quality: number): { bytes: Uint8Array; width: number; height: number } {
  const width = image.get_width()
  const height = image.get_height()
  const scale = Math.min(1, side / Math.max(width, height))
  if (scale === 1) return { bytes: image.get_bytes_jpeg(quality), width, height }
  const scaled = resize(image, Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)), SamplingFilter.Triangle)
  try {
    return { bytes: scaled.get_bytes_jpeg(quality), width: scaled.get_width(), height: scaled.get_height() }
  } finally {
    scaled.free()
  }
}

/**
 * Decodes a JPEG, PNG or WebP photo and re-encodes it upright as a display size and a thumbnail,
 * without any of the original's metadata. CPU-bound: Node runs it on a worker thread.
 */
export function preparePhoto(bytes: Uint8Array): PreparedPhoto {
  const { width, height, orientation } = header(bytes)
  if (width * height > MAX_PIXELS) throw new PhotoRefused('photoTooManyPixels')
  let image: PhotonImage
  try {
    image = upright(PhotonImage.new_from_byteslice(bytes), orientation)
  } catch {
    throw new PhotoRefused('photoUnreadable')
  }
  try {
    const display = scaledJpeg(image, DISPLAY_SIDE, 75)
    const thumbnail = scaledJpeg(image, THUMBNAIL_SIDE, 70)
    return { display: display.bytes, thumbnail: thumbnail.bytes, width: display.width, height: display.height }
  } finally {
    image.free()
  }
}
