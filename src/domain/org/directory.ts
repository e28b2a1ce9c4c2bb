import type { PlatformName } from '../platform-name.js';

/** The kinds of id a platform gives for a user (and an HR file's employee number). */
export type IdentityKind = 'open_id' | 'union_id' | 'user_id' | 'userId' | 'unionId' | 'employee_no';

/**
 * The platform's address book in neutral form, for the org-sync job. A channel that can read its
 * directory implements Channel.fetchDirectory; src/features/org/sync.ts applies the snapshot.
 */
export interface DirectoryDepartment {
  /** The platform's department id (Feishu open_department_id, DingTalk dept_id). */
  externalId: string;
  name: string;
  /** null only for the platform's root department (the company itself), which is not synced as a department. */
  parentExternalId: string | null;
  /** The platform's user id of the department leader, as in DirectoryUser.externalId. */
  leaderExternalUserId: string | null;
}

export interface DirectoryUser {
  /** The primary id on this platform (Feishu open_id, DingTalk userId). */
  externalId: string;
  /** Every id the platform gave (open_id, union_id, user_id / userId, unionId). */
  ids: { kind: IdentityKind; value: string }[];
  name: string;
  /** The company's employee number when the platform has it: matches users imported from HR files. */
  employeeNo: string | null;
  departmentExternalIds: string[];
  /** The user's direct manager when the platform says so (Feishu leader_user_id). */
  managerExternalId: string | null;
  active: boolean;
  email: string | null;
  mobile: string | null;
}

export interface DirectorySnapshot {
  platform: Exclude<PlatformName, 'sandbox'>;
  departments: DirectoryDepartment[];
  users: DirectoryUser[];
}

/** Something that can read a platform's address book (a channel with fetchDirectory). */
export interface DirectorySource {
  fetchDirectory(): Promise<DirectorySnapshot>;
}
