/**
 * fast-check generators for the fuzz suite: news-like English built from country names, actors, verbs,
 * quotes, conditions and negation, mixed with hostile text (random Unicode, lone surrogates, zero-width and
 * bidi controls, RTL and CJK, emoji sequences, HTML fragments, very long tokens, repeated punctuation).
 */
import fc from 'fast-check';

export const COUNTRIES = [
  'Russia', 'Ukraine', 'Turkey', 'Greece', 'Iran', 'Iraq', 'Israel', 'Syria', 'Egypt', 'China', 'Japan', 'India',
  'Pakistan', 'France', 'Germany', 'the United States', 'the U.S.', 'Washington', 'Moscow', 'Kyiv', 'Tehran',
  'Libya', 'Lebanon', 'Qatar', 'North Korea', 'South Korea', 'NATO', 'the United Nations', 'the EU', 'Hamas',
];
const DEMONYMS = ['Russian', 'Ukrainian', 'Turkish', 'Greek', 'Iranian', 'Israeli', 'Syrian', 'Egyptian', 'Chinese', 'American', 'French'];
const AGENTS = ['troops', 'forces', 'foreign minister', 'president', 'police', 'rebels', 'government', 'army', 'officials', 'protesters'];
const PEOPLE = ['Erdogan', 'Putin', 'Zelensky', 'Hulusi Akar', 'Biden', 'Xi Jinping', 'Macron'];
const PRONOUNS = ['he', 'she', 'they', 'it', 'He', 'They', 'It'];
const VERBS = [
  'attacked', 'condemned', 'visited', 'met', 'met with', 'signed an agreement with', 'accused', 'threatened',
  'praised', 'criticized', 'shelled', 'invaded', 'urged', 'sanctioned', 'thanked', 'hosted', 'warned',
  'did not attack', 'will attack', 'would never invade', 'pledged to send aid to', 'refused to meet',
  'threatened to attack', 'was attacked by', 'has been shelled by', 'called on', 'demanded that',
  'imposed sanctions on', 'expelled diplomats from', 'agreed to a ceasefire with', 'kidnapped', 'arrested',
];
const TAILS = [
  '', ' on Monday', ' in Kharkiv', ' in northern Syria', ' last week', ' on 12 March 2022', ', officials said',
  ' after talks in Geneva', ', killing three soldiers', ' despite warnings', ' again', ' yesterday', ' in 2011',
];
const SPEECH = ['said', 'told reporters', 'warned', 'added', 'claimed'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

export const actor: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: pick(COUNTRIES) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', 'the ', 'The '), pick(DEMONYMS), pick(AGENTS)).map(([d, a, b]) => `${d}${a} ${b}`) },
  { weight: 2, arbitrary: pick(PEOPLE) },
  { weight: 1, arbitrary: pick(PRONOUNS) },
  { weight: 1, arbitrary: fc.tuple(pick(COUNTRIES), pick(AGENTS)).map(([c, a]) => `${c}'s ${a}`) },
);

/** one English news-like sentence (with the full stop, or without) */
export const sentence: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(actor, pick(VERBS), actor, pick(TAILS), fc.constantFrom('.', '.', '!', '', ';', '?')).map(([a, v, b, t, p]) => `${a} ${v} ${b}${t}${p}`) },
  { weight: 2, arbitrary: fc.tuple(actor, pick(VERBS), actor, actor, pick(SPEECH)).map(([a, v, b, s, say]) => `"${a} ${v} ${b}," ${s} ${say}.`) },
  { weight: 2, arbitrary: fc.tuple(actor, pick(VERBS), actor, actor, pick(VERBS), actor).map(([a, v, b, c, w, d]) => `If ${a} ${v} ${b}, ${c} ${w} ${d}.`) },
  { weight: 1, arbitrary: fc.tuple(actor, actor, pick(VERBS), actor).map(([a, b, v, c]) => `${a}, ${b} and ${a} ${v} ${c}.`) },
  { weight: 1, arbitrary: fc.tuple(actor, pick(SPEECH), actor, pick(VERBS), actor).map(([a, s, b, v, c]) => `${a} ${s} that ${b} had not ${v.replace(/^(did not|will|would never) /, '')} ${c}.`) },
  { weight: 1, arbitrary: fc.tuple(pick(COUNTRIES), pick(VERBS), pick(COUNTRIES)).map(([a, v, b]) => `${a.toUpperCase()} — ${a} ${v} ${b}`) },
);

/** hostile pieces of text */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const zeroWidth = pick(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u180e']);
const bidi = pick(['\u202e', '\u202d', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']);
export const rtl = pick([
  'هاجمت روسيا أوكرانيا.', 'أدانت تركيا اليونان يوم الاثنين', 'قال الرئيس: "لن نهاجم"', 'ישראל תקפה את סוריה.',
  'ממשלת ישראל', 'روسيا', 'إيران والعراق', 'پاکستان', 'כ״ט בתשרי',
]);
export const cjk = pick([
  '俄罗斯袭击了乌克兰。', '中国与美国举行会谈', '日本政府は抗議した。', '북한이 미사일을 발사했다.', '中华人民共和国外交部',
  '「ロシア」と『ウクライナ』', '台湾', '。、！？', '東京', '习近平会见普京',
]);
export const emoji = pick([
  '😀', '👍🏽', '👨‍👩‍👧‍👦', '🇺🇦', '🇷🇺', '🏳️‍🌈', '❤️', '🔥🔥🔥', '🧑🏿‍🚀', '☮︎', '🕊️', '💣', '🪖',
]);
const weird = pick([
  '\u2028', '\u2029', '\u0085', '\u00a0', '\u3000', '\t', '\r', '\r\n', '\n\n', '\v', '\f', '\u0007', '\u001b[31m',
  'e\u0301', 'n\u0303', 'Z\u0351\u0352\u0353\u0354', '\ufffd', '\uffff', '\ufdd0', '𝕽𝖚𝖘𝖘𝖎𝖆', 'Ｒｕｓｓｉａ', 'Rսssia', 'РОССИЯ',
  'İstanbul', 'ß', 'ﬁ', '\u0130', 'Ⅻ', '½', '①', '¹²³', '٣٤٥', '१२३', '\ud83d', '\ude00',
]);
const punct = fc.tuple(pick(['.', ',', '!', '?', ';', ':', '-', '—', '"', "'", '(', ')', '…', '*', '#', '/', '\\', '|', '“', '”', '’']), fc.integer({ min: 1, max: 40 }))
  .map(([p, n]) => p.repeat(n));
export const longToken = fc.tuple(pick(['a', 'ab', 'x-', 'a.', '1', '!', 'Ru', '中', '😀', 'http://x.io/', '%20', '&amp;']), fc.integer({ min: 50, max: 1500 }))
  .map(([p, n]) => p.repeat(Math.ceil(n / p.length)));
const unicodeString = fc.string({ unit: 'binary', maxLength: 40 });
const htmlFragment = pick([
  '<p>', '</p>', '<br>', '<br/>', '<div class="x">', '</div>', '<b>', '</b>', '<script>var a = "<p>x</p>";</script>',
  '<style>p { color: red }</style>', '<!-- comment -->', '<!--', '-->', '<', '>', '&amp;', '&lt;', '&#8217;', '&#x1F600;',
  '&#0;', '&#x110000;', '&#55296;', '&nbsp;', '&bogus;', '&amp', '<a href="http://x">', '</a>', '<img src=x alt="a>b">',
  '<nav>Home | World</nav>', '<footer>(c) 2024</footer>', '<![CDATA[ x ]]>', '<?xml version="1.0"?>', '<!DOCTYPE html>',
  '<td>', '</tr>', '<li>', '<h1>', '</h1>', '<pre>  a  b </pre>', '<a title=\'x', '</', '</>', '<x-y z>', '<textarea>',
]);

export const noise: fc.Arbitrary<string> = fc.oneof(
  unicodeString, loneSurrogate, zeroWidth, bidi, rtl, cjk, emoji, weird, punct, htmlFragment,
  { weight: 1, arbitrary: longToken },
);

/** news-like English sentences interleaved with hostile pieces */
export const article: fc.Arbitrary<string> = fc.array(
  fc.oneof({ weight: 5, arbitrary: sentence }, { weight: 2, arbitrary: noise }),
  { minLength: 1, maxLength: 8 },
).chain((parts) => fc.array(pick([' ', ' ', '\n', '\n\n', '\r\n', '', '  ', '\t']), { minLength: parts.length, maxLength: parts.length })
  .map((seps) => parts.map((p, i) => p + seps[i]).join('')));

/** only non-Latin scripts and symbols: no ASCII letter anywhere */
export const nonLatin: fc.Arbitrary<string> = fc.array(
  fc.oneof(rtl, cjk, emoji, zeroWidth, bidi, punct.filter((p) => !/[A-Za-z]/.test(p)), fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[A-Za-z]/g, ''))),
  { minLength: 1, maxLength: 10 },
).map((xs) => xs.join(' '));

/** an HTML document or fragment around news-like sentences */
export const htmlDoc: fc.Arbitrary<string> = fc.array(
  fc.oneof({ weight: 3, arbitrary: sentence.map((s) => s.replace(/&/g, '&amp;')) }, { weight: 3, arbitrary: htmlFragment }, { weight: 1, arbitrary: noise }),
  { minLength: 1, maxLength: 12 },
).chain((parts) => fc.constantFrom('', '<!DOCTYPE html><html><head><title>t</title></head><body>', '<article>', '<nav><a>x</a>')
  .map((head) => head + parts.join(' ')));

/** one very long sentence (no full stops): many clauses joined by commas and "and" */
export const longSentence: fc.Arbitrary<string> = fc.array(
  fc.tuple(actor, pick(VERBS), actor).map(([a, v, b]) => `${a} ${v} ${b}`),
  { minLength: 20, maxLength: 120 },
).chain((xs) => pick([', ', ' and ', ' ', '; ', ' – ']).map((sep) => xs.join(sep)));
