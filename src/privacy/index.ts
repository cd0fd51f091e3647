/**
 * Privacy by law (DESIGN.md, "Privacy"; issue 13): the retention purge, run hourly as a job,
 * and the erasure of everything known about one recipient, one step per table.
 */
export { addressForms } from './erasure/address-forms.js';
export { type ErasedCounts, type ErasureDeps, eraseRecipient } from './erasure/erase-recipient.js';
export { ERASURE_STEPS, type ErasureStep, type ErasureTarget } from './erasure/steps.js';
export {
  purgeExpired,
  type RetentionDeps,
  type RetentionReport,
  retentionCutoff,
} from './retention/purge-expired.js';
export {
  RETENTION_QUEUE,
  type RetentionJobOptions,
  startRetentionJob,
} from './retention/retention-job.js';
