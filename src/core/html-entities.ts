/** HTML character references: the named ones news pages use, and the numeric rules of the HTML standard. */

const LATIN1 = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const OTHER: Record<string, number> = {
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27,
  OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192, circ: 0x2c6, tilde: 0x2dc,
  ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f,
  ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d,
  bdquo: 0x201e, dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030, prime: 0x2032,
  Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, oline: 0x203e, frasl: 0x2044, euro: 0x20ac, trade: 0x2122,
  larr: 0x2190, uarr: 0x2191, rarr: 0x2192, darr: 0x2193, harr: 0x2194, minus: 0x2212, le: 0x2264, ge: 0x2265,
  ne: 0x2260, asymp: 0x2248, infin: 0x221e, deg: 0xb0, nbsp: 0xa0, hyphen: 0x2010, dash: 0x2010,
  Alpha: 0x391, Beta: 0x392, Gamma: 0x393, Delta: 0x394, alpha: 0x3b1, beta: 0x3b2, gamma: 0x3b3, delta: 0x3b4,
  mu: 0x3bc, pi: 0x3c0, sigma: 0x3c3, omega: 0x3c9, loz: 0x25ca, spades: 0x2660, clubs: 0x2663, hearts: 0x2665,
  diams: 0x2666, star: 0x2606, check: 0x2713, nbhy: 0x2011,
};

const NAMED = new Map<string, string>();
LATIN1.forEach((n, i) => NAMED.set(n, String.fromCharCode(0xa0 + i)));
for (const [n, c] of Object.entries(OTHER)) NAMED.set(n, String.fromCodePoint(c));

/** references browsers also accept without the closing ';' ("&amp" in old pages) */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

/** Windows-1252 code points the HTML standard maps numeric references 0x80–0x9F to ("&#150;" is an en dash). */
const CP1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x2c6,
  0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152, 0x8e: 0x17d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc, 0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a,
  0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178,
};

/** the character of a numeric reference, with the standard's replacements for invalid code points */
export function numericChar(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  const w = CP1252[cp];
  return String.fromCodePoint(w ?? cp);
}

const REF = /&(?:#([0-9]{1,8});?|#[xX]([0-9a-fA-F]{1,8});?|([A-Za-z][A-Za-z0-9]{1,31})(;?))/y;

/**
 * The character reference starting at `html[i]` (which is '&'): its text and length in the source, or null
 * when it is not one (the '&' is then literal text).
 */
export function readEntity(html: string, i: number): { text: string; length: number } | null {
  REF.lastIndex = i;
  const m = REF.exec(html);
  if (!m) return null;
  if (m[1] !== undefined) return { text: numericChar(parseInt(m[1], 10)), length: m[0].length };
  if (m[2] !== undefined) return { text: numericChar(parseInt(m[2], 16)), length: m[0].length };
  const name = m[3];
  const ch = NAMED.get(name);
  if (ch === undefined) return null;
  if (m[4] !== ';' && !LEGACY.has(name)) return null;
  return { text: ch, length: m[0].length };
}
