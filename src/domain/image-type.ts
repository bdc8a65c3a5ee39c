/** The image types the app accepts (letterhead logos, report photos). */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp'

/**
 * The image type of `bytes` by its first bytes (PNG, JPEG, WebP), whatever the file's name or
 * declared type claims: only the content says what a file is.
 */
export function imageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return undefined
}
