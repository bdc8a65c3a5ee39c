// Photos shrink on the phone before they are queued or sent: a 4 MB camera JPEG becomes about
// 300 KB, which is what decides whether it leaves on a weak signal. The server re-encodes
// whatever arrives (and removes its metadata) all the same.

const LONGEST_SIDE = 1600
const QUALITY = 0.7

/** `file` scaled down to at most 1600 px on its longest side, as JPEG; the file itself where the browser cannot decode it. */
export async function downscaled(file: File): Promise<Blob> {
  try {
    // Decoding applies the camera's orientation (EXIF), so the result is upright.
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height))
    const width = Math.round(bitmap.width * scale)
    const height = Math.round(bitmap.height * scale)
    const canvas = new OffscreenCanvas(width, height)
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height)
    bitmap.close()
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY })
  } catch {
    return file
  }
}
