/** `text` compressed in `format` with the web's CompressionStream, which Node and Workers both have. */
export async function compressedText(text: string, format: CompressionFormat): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream(format))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** The text `bytes` hold, compressed in `format`. */
export async function decompressedText(bytes: Uint8Array, format: CompressionFormat): Promise<string> {
  // A copy: SQLite drivers may hand over a view of memory Blob does not take.
  return new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream(format))).text()
}
