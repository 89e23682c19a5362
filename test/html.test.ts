import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractHtml, toSource } from '../src/core/html.js';
import { code } from '../src/index.js';

const text = (html: string) => extractHtml(html).text;

describe('HTML text extraction', () => {
  it('drops tags, scripts, styles, comments and page furniture; blocks become paragraphs', () => {
    const html = '<html><head><title>T</title><style>p{}</style></head><body><nav>Home | World</nav>' +
      '<h1>Headline here</h1><script>var s = "<p>no</p>";</script><p>First <b>bold</b> para.</p><!-- <p>gone</p> -->' +
      '<aside>Related</aside><p>Second<br>line.</p><footer>(c)</footer></body></html>';
    assert.equal(text(html), 'Headline here\n\nFirst bold para.\n\nSecond\nline.');
  });

  it('decodes named and numeric references, with the HTML standard replacements', () => {
    assert.equal(text('a&amp;b &lt;x&gt; &quot;q&quot; caf&eacute; &mdash; &hellip;&nbsp;!'), 'a&b <x> "q" café — …\u00a0!');
    assert.equal(text('&#150;&#151;&#8217;&#x2019;'), '–—’’');
    assert.equal(text('[&#0;][&#x110000;][&#55296;]'), '[\ufffd][\ufffd][\ufffd]');
    assert.equal(text('&#x1F600; &#128512;'), '😀 😀');
    assert.equal(text('&bogus; &amp &copy &eacute x'), '&bogus; & © &eacute x');
  });

  it('keeps "<" that starts no tag, and handles quotes and lost quotes in attributes', () => {
    assert.equal(text('3 < 4 and 5 <= 6, x <- y, <3'), '3 < 4 and 5 <= 6, x <- y, <3');
    assert.equal(text('a<b'), 'a', 'a tag cut off by the end of input is dropped, as in a browser');
    assert.equal(text('<a title="x > y">link</a> text'), 'link text');
    assert.equal(text("<a href='http://x>lost</a> after"), 'lost after');
  });

  it('collapses whitespace except inside <pre>', () => {
    assert.equal(text('  a \n\t b  <pre>  x\n  y </pre> c  '), 'a b\n\n  x\n  y \n\nc');
  });

  it('keeps an unclosed boilerplate element rather than losing the article after it', () => {
    assert.equal(text('<nav>menu<p>Russia attacked Ukraine.</p>'), 'menu\n\nRussia attacked Ukraine.');
    assert.equal(text('<p>a</p><footer>f</footer><nav>b'), 'a\n\nb');
  });

  it('swallows the rest after an unclosed comment or script, as a browser does', () => {
    assert.equal(text('<p>kept</p><!-- <p>never closed'), 'kept');
    assert.equal(text('<p>kept</p><script>var x = 1;'), 'kept');
  });

  it('maps every text offset back to the HTML', () => {
    const html = '<p>Russia&nbsp;attacked <b>Ukraine</b> &amp; more.</p>';
    const { text: t, map } = extractHtml(html);
    const i = t.indexOf('Ukraine');
    const r = toSource(map, i, i + 'Ukraine'.length);
    assert.equal(html.slice(r.start, r.end), 'Ukraine');
    const amp = t.indexOf('&');
    assert.equal(html.slice(map.starts[amp], map.ends[amp]), '&amp;');
    const all = toSource(map, 0, t.length);
    assert.equal(html.slice(all.start, all.end), 'Russia&nbsp;attacked <b>Ukraine</b> &amp; more.');
  });

  it('codes HTML through the library with evidence in both the text and the HTML', () => {
    const html = '<article><h1>Breaking</h1><p>Russia attacked <i>Ukraine</i> on Monday, officials said.</p></article>';
    const [e] = code(html, { date: '2024-03-16', html: true });
    assert.equal(e.cameo, '190');
    assert.equal(e.evidence.text, 'Russia attacked Ukraine on Monday');
    assert.equal(html.slice(e.evidence.source_start, e.evidence.source_end), 'Russia attacked <i>Ukraine</i> on Monday');
    const [p] = code('Russia attacked Ukraine.', { date: '2024-03-16' });
    assert.equal(p.evidence.source_start, undefined, 'plain text has no source offsets');
  });
});
