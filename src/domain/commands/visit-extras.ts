/** Words that mark a visit as joint (协访): made with a colleague, on the colleague's customer. */
const JOINT_WORDS = new Set(['协访', '陪访', '/joint', 'joint']);
/** Words that name whom the rep met: "见 李总", "met Li". */
const MET_WORDS = new Set(['见', '见了', 'met', 'meet']);

export interface VisitExtras {
  /** The tokens left once the markers below are taken out. */
  tokens: string[];
  joint: boolean;
  /** The contact met, as typed after 见 / met. */
  contact: string | null;
}

/** Takes the joint marker and "见 <contact>" out of a visit's tokens, before the customer is read. */
export function takeVisitExtras(tokens: readonly string[]): VisitExtras {
  const rest: string[] = [];
  let joint = false;
  let contact: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const lower = token.toLowerCase();
    if (JOINT_WORDS.has(lower)) joint = true;
    else if (MET_WORDS.has(lower) && contact === null && i + 1 < tokens.length) contact = tokens[++i] as string;
    else rest.push(token);
  }
  return { tokens: rest, joint, contact };
}

/** A form's joint field: a checked box or a chosen "yes" arrives as one of these. */
export const isJointValue = (value: string | undefined): boolean => ['1', 'true', 'yes', 'joint', 'on'].includes((value ?? '').trim().toLowerCase());
