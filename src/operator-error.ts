/**
 * A problem the operator fixes from one line of text (a port in use, an unwritable database
 * directory, a database from a newer version, a bad setting): printed without a stack trace,
 * and the process exits non-zero.
 */
export class OperatorError extends Error {
  override readonly name = 'OperatorError'
}
