/** finance (财务) imports bank receipts and reviews their matches to claimed payments (issue 17). */
export const ROLES = ['rep', 'manager', 'hr', 'admin', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/** Names people type in spreadsheets, Chinese first. */
const ROLE_ALIASES: Record<string, Role> = {
  rep: 'rep',
  sales: 'rep',
  salesperson: 'rep',
  销售: 'rep',
  业务员: 'rep',
  销售代表: 'rep',
  manager: 'manager',
  经理: 'manager',
  主管: 'manager',
  销售经理: 'manager',
  hr: 'hr',
  人事: 'hr',
  人力资源: 'hr',
  admin: 'admin',
  管理员: 'admin',
  finance: 'finance',
  财务: 'finance',
  会计: 'finance',
  出纳: 'finance',
};

/** Parses "rep, manager" / "销售;经理" / "rep|hr". Returns the roles and the tokens it did not know. */
export function parseRoles(text: string): { roles: Role[]; unknown: string[] } {
  const roles = new Set<Role>();
  const unknown: string[] = [];
  for (const raw of text.split(/[,，;；|/、\s]+/)) {
    const token = raw.trim().toLowerCase();
    if (!token) continue;
    const role = ROLE_ALIASES[token];
    if (role) roles.add(role);
    else unknown.push(raw.trim());
  }
  return { roles: ROLES.filter((r) => roles.has(r)), unknown };
}

export function hasRole(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role);
}
