/**
 * A registered source file's (alias `s`) row counts beside its columns: the rows rejected whole,
 * the reasons its import stored for refusing rows or values (a row can have several), and the
 * rows imported with some values refused (a published factor file's rows, per its control
 * totals). The register beside them: rows read = imported + rejected + skipped, each row once.
 *
 * A factor file imported before rows were counted once (its sheets' control totals have no
 * partlyRejected) stored a published file's reasons as its rejected rows, so its Skipped came out
 * negative. Its counts are worked out here, at read time, from the rows it stored, and the file
 * itself is left as it was: rejected = rows with a reason that gave no factor, partly rejected =
 * rows with a reason that gave one. The rows that gave factors are those of the sets imported from
 * it, or from an identical copy of it (an identical set is stored once, by the first import).
 */
const COUNTED_BEFORE_ROWS_ONCE = `s.kind = 'factors' AND NOT EXISTS (
    SELECT 1 FROM json_each(s.control_totals_json, '$.sheets') j WHERE json_type(j.value, '$.partlyRejected') IS NOT NULL)`;

const ROWS_WITH_REASONS = 'SELECT DISTINCT r.sheet, r.row_number FROM rejected_row r WHERE r.source_file_id = s.id';

const ROWS_WITH_FACTORS = `SELECT json_extract(f.source_rows_json, '$.sheet'), n.value
    FROM source_file t JOIN factor_set fs ON fs.source_file_id = t.id JOIN emission_factor f ON f.factor_set_id = fs.id, json_each(f.source_rows_json, '$.rowNumbers') n
    WHERE t.sha256 = s.sha256`;

const reasonRows = (gaveFactors: boolean) =>
  `(SELECT count(*) FROM (${ROWS_WITH_REASONS}) w WHERE (w.sheet, w.row_number) ${gaveFactors ? 'IN' : 'NOT IN'} (${ROWS_WITH_FACTORS}))`;

export const SOURCE_ROW_COUNTS_SQL = `
  CASE WHEN ${COUNTED_BEFORE_ROWS_ONCE} THEN ${reasonRows(false)} ELSE s.rows_rejected END AS rows_rejected,
  (SELECT count(*) FROM rejected_row r WHERE r.source_file_id = s.id) AS rejection_reasons,
  CASE WHEN ${COUNTED_BEFORE_ROWS_ONCE} THEN ${reasonRows(true)}
       ELSE (SELECT coalesce(sum(json_extract(j.value, '$.partlyRejected')), 0) FROM json_each(s.control_totals_json, '$.sheets') j) END AS rows_partly_rejected`;
