// Measures the gazetteer: load time, heap and RSS growth, index size. `node --expose-gc dist/scripts/gazetteer-stats.js`
import { gazetteer } from '../src/geo/gazetteer.js';
import { countryIndex } from '../src/geo/countries.js';

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const m0 = process.memoryUsage();
const t0 = performance.now();
countryIndex();
const g = gazetteer();
const ms = performance.now() - t0;
gc?.();
const m1 = process.memoryUsage();
const mb = (x: number) => (x / 1048576).toFixed(1);
console.log(`gazetteer: ${g.stats.cities} cities, ${g.stats.admin1} admin1 regions, ${g.stats.countries} countries, ${g.stats.names} names`);
console.log(`load: ${ms.toFixed(0)} ms (world-countries + data/geo/*.tsv); heap +${mb(m1.heapUsed - m0.heapUsed)} MB, rss +${mb(m1.rss - m0.rss)} MB${gc ? '' : ' (run with --expose-gc for steadier figures)'}`);
