import type { Database } from 'better-sqlite3';
import { m001Engagement } from './001-engagement';
import { m002Import } from './002-import';
import { m003Inventory } from './003-inventory';
import { m004StoredResults } from './004-stored-results';
import { m005ImportFindings } from './005-import-findings';
import { m006EngagementId } from './006-engagement-id';
import { m007Reconciliation } from './007-reconciliation';
import { m008VariantsAndValidity } from './008-variants-and-validity';
import { m009Review } from './009-review';
import { m010RecordChecks } from './010-record-checks';
import { m011TableIndexes } from './011-table-indexes';
import { m012RecordPagingIndexes } from './012-record-paging-indexes';
import { m013SourceWithdrawal } from './013-source-withdrawal';
import { m014CheckTriggers } from './014-check-triggers';

/**
 * Schema migrations, one file each, in order. A migration's number is its position + 1 and
 * becomes PRAGMA user_version once applied. Never edit a shipped migration: add a new one.
 */
export interface Migration {
  readonly name: string;
  readonly up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [m001Engagement, m002Import, m003Inventory, m004StoredResults, m005ImportFindings, m006EngagementId, m007Reconciliation, m008VariantsAndValidity, m009Review, m010RecordChecks, m011TableIndexes, m012RecordPagingIndexes, m013SourceWithdrawal, m014CheckTriggers];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
