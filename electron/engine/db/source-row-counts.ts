/**
 * Two counts of a registered source file (alias `s`) that its columns do not hold: the reasons
 * its import stored for refusing rows or values (a row can have several), and the rows imported
 * with some values refused (a published factor file's rows, per its control totals; 0 in files
 * imported before that was counted). The register beside them: rows read = imported + rejected +
 * skipped, each row once.
 */
export const SOURCE_REJECTION_COUNTS_SQL = `
  (SELECT count(*) FROM rejected_row r WHERE r.source_file_id = s.id) AS rejection_reasons,
  (SELECT coalesce(sum(json_extract(j.value, '$.partlyRejected')), 0) FROM json_each(s.control_totals_json, '$.sheets') j) AS rows_partly_rejected`;
