import type { CommandDefinition } from '../command.js';
import { createEntryCommand } from '../records/entry-flow.js';
import type { EntryForm } from '../records/entry-form.js';
import { complaintForm } from './complaint.js';
import { createComplaintStatusCommand } from './complaint-status.js';
import { createCompletenessCommand } from './completeness.js';
import { contactForm } from './contact.js';
import { createCustomerCommand } from './customer.js';
import { dealForm } from './deal.js';
import { createMeCommand } from './me.js';
import { opportunityForm } from './opportunity.js';
import { paymentForm } from './payment.js';
import { createRecordsMenuCommand } from './records-menu.js';
import { createStageCommand } from './stage.js';
import { surveyForm } from './survey.js';
import { createSurveyLinkCommand } from './survey-link.js';
import { trainingForm } from './training.js';
import { createUndoCommand } from './undo.js';
import { visitForm } from './visit.js';

/** The sales-record commands, in the order help lists them. */
export function createRecordCommands(): CommandDefinition[] {
  const forms = [visitForm, dealForm, opportunityForm, paymentForm, surveyForm, complaintForm, trainingForm, contactForm] as unknown as EntryForm<never>[];
  const [visit, deal, opportunity, payment, survey, complaint, training, contact] = forms.map((f) => createEntryCommand(f)) as CommandDefinition[];
  return [
    visit,
    deal,
    opportunity,
    createStageCommand(),
    payment,
    createCustomerCommand(),
    contact,
    survey,
    createSurveyLinkCommand(),
    complaint,
    createComplaintStatusCommand(),
    training,
    createMeCommand(),
    createUndoCommand(forms),
    createCompletenessCommand(),
    createRecordsMenuCommand(),
  ] as CommandDefinition[];
}
