import type { CommandDefinition } from '../command.js';
import { createEntryCommand } from '../records/entry-flow.js';
import type { EntrySpec } from '../records/entry-spec.js';
import { complaintSpec } from './complaint.js';
import { createComplaintStatusCommand } from './complaint-status.js';
import { createCompletenessCommand } from './completeness.js';
import { contactSpec } from './contact.js';
import { createCustomerCommand } from './customer.js';
import { dealSpec } from './deal.js';
import { createMeCommand } from './me.js';
import { opportunitySpec } from './opportunity.js';
import { paymentSpec } from './payment.js';
import { createRecordsMenuCommand } from './records-menu.js';
import { createStageCommand } from './stage.js';
import { surveySpec } from './survey.js';
import { trainingSpec } from './training.js';
import { createUndoCommand } from './undo.js';
import { visitSpec } from './visit.js';

/** The sales-record commands, in the order help lists them. */
export function createRecordCommands(): CommandDefinition[] {
  const specs = [visitSpec, dealSpec, opportunitySpec, paymentSpec, surveySpec, complaintSpec, trainingSpec, contactSpec] as unknown as EntrySpec<never>[];
  const [visit, deal, opportunity, payment, survey, complaint, training, contact] = specs.map((s) => createEntryCommand(s)) as CommandDefinition[];
  return [
    visit,
    deal,
    opportunity,
    createStageCommand(),
    payment,
    createCustomerCommand(),
    contact,
    survey,
    complaint,
    createComplaintStatusCommand(),
    training,
    createMeCommand(),
    createUndoCommand(specs),
    createCompletenessCommand(),
    createRecordsMenuCommand(),
  ] as CommandDefinition[];
}
