import type { CommandDefinition } from '../command.js';
import { createAssessmentCommand } from './assessment.js';
import { createAssessmentTypedCommands } from './assessment-typed.js';
import { createExportCommand } from './export.js';
import { createHelpCommand } from './help.js';
import { createClaimCommand, createHandoverCommand } from './handover.js';
import { createConfidentialCommands } from './confidential.js';
import { createRecordCommands } from './records.js';
import { createKpiCommand } from './kpi.js';
import { createNextStepCommands } from './next-steps.js';
import { createNudgeCommand } from './nudge.js';
import { createVerifyRecordCommand } from './verify-record.js';
import { createRankCommand } from './rank.js';
import { createSuggestCommand } from './suggest.js';
import { createSubscribeCommand } from './subscribe.js';
import { createGroupChatCommands } from './group-chat.js';
import { createTargetCommand } from './target.js';

/** The commands the bot understands, in the order help lists them. */
export function createCommands(): CommandDefinition[] {
  const commands: CommandDefinition[] = [];
  commands.push(createHelpCommand(() => commands));
  commands.push(...createRecordCommands());
  commands.push(...createNextStepCommands());
  commands.push(createKpiCommand());
  commands.push(createRankCommand());
  commands.push(createTargetCommand());
  commands.push(createAssessmentCommand());
  commands.push(...createAssessmentTypedCommands());
  commands.push(createHandoverCommand());
  commands.push(createClaimCommand());
  commands.push(...createConfidentialCommands());
  commands.push(createSubscribeCommand());
  commands.push(createExportCommand());
  commands.push(createNudgeCommand());
  commands.push(...createGroupChatCommands());
  commands.push(createVerifyRecordCommand());
  commands.push(createSuggestCommand(() => commands));
  return commands;
}
