/** Closed word classes the shallow parser and the grammar share. */

/** verbs that introduce reported speech or cognition ("X said (that) ...") */
export const SPEECH_VERBS = new Set([
  'say', 'tell', 'add', 'state', 'announce', 'report', 'claim', 'insist', 'stress', 'note', 'declare',
  'confirm', 'explain', 'write', 'argue', 'believe', 'think', 'know', 'suggest', 'allege', 'assert',
  'acknowledge', 'admit', 'reveal', 'indicate', 'signal', 'maintain', 'tweet', 'post', 'emphasize',
  'emphasise', 'warn', 'deny', 'predict', 'hope', 'fear', 'estimate', 'recall', 'reiterate', 'disclose',
  'show', 'find', 'conclude', 'learn', 'hear', 'understand', 'agree', 'promise', 'vow', 'pledge', 'threaten',
  'accuse', 'charge', 'complain', 'protest', 'concede', 'contend', 'observe', 'remark', 'respond', 'reply', 'quote',
]);

/** heads of bare time noun phrases ("said Wednesday", "protested last week"): adverbials, not objects */
export const TIME_HEADS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'week', 'weekend', 'month', 'year', 'morning', 'afternoon', 'evening', 'night']);

/** subordinators and the clause kind they open */
// (prototype-free: a token "constructor" or "toString" must find nothing)
export const SUBORDINATORS: Record<string, 'conditional' | 'complement' | 'adverbial'> = Object.assign(Object.create(null) as Record<string, 'conditional' | 'complement' | 'adverbial'>, {
  if: 'conditional', unless: 'conditional', whether: 'complement', that: 'complement',
  because: 'adverbial', after: 'adverbial', before: 'adverbial', while: 'adverbial', when: 'adverbial',
  although: 'adverbial', though: 'adverbial', as: 'adverbial', since: 'adverbial', until: 'adverbial',
  once: 'adverbial', whereas: 'adverbial', where: 'adverbial',
});

export const RELATIVE_PRONOUNS = new Set(['who', 'whom', 'which', 'whose']);

export const PERSONAL_PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me']);

export const QUOTE_CHARS = new Set(['"', '“', '”', '«', '»', '‘', '’', "'", '``', "''"]);

/** naive English singular for words the tagger leaves unlemmatised ("Sanctions" at a sentence start) */
export function singular(w: string): string {
  if (w.length > 4 && w.endsWith('men')) return w.slice(0, -3) + 'man';
  if (w === 'people' || w === 'police' || w === 'news') return w;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(ch|sh|ss|x)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** prepositions that make their object a place rather than an actor ("in Tripoli") */
export const LOCATIVE_PREPS = new Set(['in', 'at', 'near', 'inside', 'outside', 'around', 'across', 'throughout', 'within', 'off', 'beyond']);

/** verbs whose -ing complement is the event itself ("began shelling"); after other verbs it is a clause */
export const ASPECT_ING = new Set(['begin', 'start', 'continue', 'keep', 'resume', 'stop', 'cease', 'finish', 'quit', 'step', 'go', 'halt', 'end']);
