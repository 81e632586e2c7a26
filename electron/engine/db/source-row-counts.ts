/**
 * A registered source file's (alias `s`) row counts beside its columns: the rows rejected whole,
 * the reasons its import stored for refusing rows or values (a row can have several), and the
 * rows imported with some values refused (a published factor file's rows, per its control
 * totals). The register beside them: rows read = imported + rejected + skipped, each row once.
 *
 * A factor file imported before rows were counted once stored every reason as a rejected row and
 * no partly rejected rows; it is shown as it was stored. Its rows cannot be re-counted exactly at
 * read time: where its factor set was identical to one already loaded (the shipped library), the
 * engagement keeps no record of which rows of the file gave factors.
 */
export const SOURCE_ROW_COUNTS_SQL = `
  s.rows_rejected AS rows_rejected,
  (SELECT count(*) FROM rejected_row r WHERE r.source_file_id = s.id) AS rejection_reasons,
  (SELECT coalesce(sum(json_extract(j.value, '$.partlyRejected')), 0) FROM json_each(s.control_totals_json, '$.sheets') j) AS rows_partly_rejected`;
