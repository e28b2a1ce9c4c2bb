import { assessmentDailyJob } from './assessment-daily.js';
import { assessmentJob } from './assessment.js';
import { alertsJob } from './alerts.js';
import { backupJob } from './backup.js';
import { customerPoolJob } from './customer-pool.js';
import { housekeepingJob } from './housekeeping.js';
import { nextStepRemindersJob } from './next-step-reminders.js';
import { orgSyncJob } from './org-sync.js';
import { weeklyReportJob } from './weekly-report.js';
import type { JobDefinition } from './job.js';

/** Every job the service knows; the scheduler, the admin API and the CLI all read this list. */
export function createJobs(): JobDefinition[] {
  return [orgSyncJob, housekeepingJob, weeklyReportJob, alertsJob, assessmentJob, assessmentDailyJob, nextStepRemindersJob, backupJob, customerPoolJob];
}
