/**
 * How CAMEO codes compose with modality: "pledged to send aid" is an intent (03x), "threatened to attack"
 * a threat (13x), "refused to meet" a rejection (12x). Tables follow the CAMEO 1.1b3 codebook.
 */

const root = (c: string) => c.slice(0, 2);

/** "will / pledged to / plans to" + action → the matching "express intent" code. */
export function intentCode(code: string): string | null {
  const r = root(code);
  switch (r) {
    case '01': case '02': case '03': return code; // already verbal
    case '04': return code.startsWith('045') ? '039' : '036';
    case '05': return code === '057' ? '030' : '032';
    case '06': return ({ '061': '0311', '062': '0312', '063': '0313', '064': '0314' } as Record<string, string>)[code.slice(0, 3)] ?? '031';
    case '07': return ({ '071': '0331', '072': '0332', '073': '0333', '074': '0334' } as Record<string, string>)[code.slice(0, 3)] ?? '033';
    case '08': {
      const m: Record<string, string> = { '081': '0351', '082': '0352', '083': '0343', '084': '0353', '085': '0354', '086': '0355', '087': '0356' };
      return m[code.slice(0, 3)] ?? '035';
    }
    case '09': case '10': case '11': case '12': case '13': return null; // "will criticise" is not an event yet
    case '14': case '15': case '16': case '17': case '18': case '19': case '20': return threatCode(code);
    default: return /^(0[1-9]|1\d|20)/.test(code) ? null : code; // a non-CAMEO code (imported dictionaries) has no intent form
  }
}

/** "threatened to / vowed to / warned it would" + hostile action → the matching threat code. */
export function threatCode(code: string): string {
  const r = root(code);
  const c3 = code.slice(0, 3);
  if (r === '14') return '133';
  if (r === '16') return c3 === '161' ? '1313' : c3 === '162' ? '1311' : c3 === '163' ? '1312' : c3 === '166' ? '1313' : '131';
  if (r === '17') return '137';
  if (c3 === '191') return '1381';
  if (c3 === '192') return '1382';
  if (r === '15' || r === '18' || r === '19' || r === '20') return '138';
  if (r === '13') return code;
  return '130';
}

/** "refused to / declined to" + action → the matching rejection code. */
export function refuseCode(code: string): string {
  const r = root(code);
  const c3 = code.slice(0, 3);
  if (c3 === '038' || c3 === '039' || c3 === '045') return '126';
  if (r === '04' || c3 === '036') return '125';
  if (r === '06' || r === '07') return '121';
  if (c3 === '057' || r === '03') return '127';
  if (r === '08') return '124';
  return '120';
}

/** codes a joint subject performs with each other ("Egypt and Greece signed a deal" → both directions) */
export function isReciprocal(code: string): boolean {
  const c3 = code.slice(0, 3);
  const r = root(code);
  return r === '04' || c3 === '057' || c3 === '036' || c3 === '030' || c3 === '031' || r === '06' || c3 === '190' || c3 === '193' || c3 === '046' || c3 === '054' || c3 === '161' || c3 === '032' || c3 === '037' || code === '0871';
}

export function isHostile(code: string): boolean {
  const r = Number(root(code));
  return r >= 14;
}

/** control verbs and how they compose with the infinitive they govern */
export const INTENT_VERBS = new Set(['pledge', 'promise', 'vow', 'plan', 'intend', 'offer', 'agree', 'prepare', 'aim', 'seek', 'want', 'decide', 'expect', 'hope', 'commit', 'undertake', 'resolve', 'propose', 'volunteer', 'consider', 'mull', 'move']);
export const THREAT_VERBS = new Set(['threaten']);
export const REFUSE_VERBS = new Set(['refuse', 'decline', 'reject', 'fail']);
/** the infinitive is the event itself */
export const ASPECT_VERBS = new Set(['begin', 'start', 'continue', 'resume', 'try', 'attempt', 'manage', 'go', 'proceed', 'keep', 'help', 'move']);
/** raising passives: "was seen / is said / was reported to attack" report the infinitive's action by the subject */
export const RAISING_VERBS = new Set(['see', 'know', 'report', 'say', 'believe', 'think', 'understand', 'hear', 'observe', 'find', 'allege', 'rumour', 'rumor', 'spot', 'witness']);
/** a complement under these verbs did not happen (per the speaker) */
export const DENIAL_VERBS = new Set(['deny', 'dismiss', 'refute', 'reject', 'rebut', 'dispute']);
/** root codes where the bare object is the actor's own means ("mobilized warships"), not a target */
export function needsPrepTarget(code: string): boolean {
  return root(code) === '15' || code.startsWith('087') || code.startsWith('0874');
}

/** "urged X to release / called on X to withdraw" + action → the matching appeal code (02x). */
export function appealCode(code: string): string {
  const r = root(code);
  const c3 = code.slice(0, 3);
  if (r === '04' || c3 === '036') return '026';
  if (c3 === '045' || c3 === '039' || c3 === '038') return '028';
  if (r === '03' || r === '05') return c3 === '057' ? '027' : '022';
  if (r === '06') return ({ '061': '0211', '062': '0212', '063': '0213', '064': '0214' } as Record<string, string>)[c3] ?? '021';
  if (r === '07') return ({ '071': '0231', '072': '0232', '073': '0233', '074': '0234' } as Record<string, string>)[c3] ?? '023';
  if (r === '08') {
    const m: Record<string, string> = { '081': '0251', '082': '0252', '083': '024', '084': '0253', '085': '0254', '086': '0255', '087': '0256' };
    return m[c3] ?? '025';
  }
  return '020';
}

/** "demanded that X withdraw" → the demand code parallel to the appeal code (10x mirrors 02x). */
export function demandCode(code: string): string {
  return '10' + appealCode(code).slice(2);
}

/** verbs whose infinitive or complement is asked of someone else, not done */
export const APPEAL_VERBS = new Set(['urge', 'call', 'appeal', 'ask', 'press', 'encourage', 'invite', 'implore', 'beg', 'request', 'pressure', 'pressurise', 'pressurize']);
export const DEMAND_VERBS = new Set(['demand', 'insist', 'order', 'require', 'instruct', 'command']);

/** "is prepared / ready / willing to" + infinitive: an intent, like "plans to" */
export const INTENT_ADJECTIVES = new Set(['prepared', 'ready', 'willing', 'determined', 'eager', 'committed', 'set', 'poised', 'keen', 'resolved']);

/** verbs that only carry a nominal event: "launched an offensive against", "held talks with" */
export const LIGHT_VERBS = new Set(['launch', 'mount', 'begin', 'start', 'continue', 'carry', 'conduct', 'stage', 'resume', 'intensify', 'escalate', 'step', 'speed', 'complete', 'announce', 'declare', 'order', 'undertake', 'make', 'pay', 'hold', 'open', 'initiate', 'lead', 'wage', 'unleash', 'press', 'pursue', 'expand']);
