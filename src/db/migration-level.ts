/**
 * The newest file in db/migrations, as the code expects the database to be. Workers cannot list
 * the directory at run time; a test keeps this name equal to the newest file.
 */
export const LATEST_MIGRATION = '0019_report_event_segments.sql'
