/** Closed word lists of the place layer. */

/** prepositions after which an NP names where something happens */
export const LOCATIVE = new Set([
  'in', 'at', 'near', 'inside', 'outside', 'around', 'across', 'throughout', 'within', 'along', 'off', 'over',
  'beyond', 'through', 'outside', 'past', 'amid', 'nearby', 'in-between',
]);
/** prepositions of movement: a destination or an origin is a place, but a weaker event location */
export const DIRECTIONAL = new Set(['to', 'into', 'towards', 'toward', 'onto', 'from', 'via']);
/** prepositions whose object is the target of an act ("strikes on Kharkiv") */
export const TARGETING = new Set(['on', 'against', 'upon']);

/** nouns that make an NP a place description: "the Libyan capital of Tripoli", "Syria's north" */
export const GEO_NOUNS: Record<string, 'capital' | 'city' | 'admin1' | 'area'> = Object.assign(Object.create(null) as Record<string, 'capital' | 'city' | 'admin1' | 'area'>, {
  capital: 'capital', city: 'city', town: 'city', village: 'city', port: 'city', hometown: 'city', suburb: 'city',
  suburbs: 'city', outskirts: 'city', neighbourhood: 'city', neighborhood: 'city', district: 'area', 'city-state': 'city',
  province: 'admin1', region: 'admin1', state: 'admin1', governorate: 'admin1', oblast: 'admin1', county: 'admin1',
  prefecture: 'admin1', department: 'admin1', territory: 'admin1', emirate: 'admin1', canton: 'admin1',
  north: 'area', south: 'area', east: 'area', west: 'area', northeast: 'area', northwest: 'area', southeast: 'area',
  southwest: 'area', centre: 'area', center: 'area', heart: 'area', border: 'area', borders: 'area', coast: 'area',
  countryside: 'area', interior: 'area', area: 'area', areas: 'area', part: 'area', parts: 'area', rest: 'area',
});

/** region keywords after a name: "Idlib province", "the Donetsk region" */
export const REGION_AFTER = new Set(['province', 'region', 'governorate', 'oblast', 'state', 'county', 'prefecture', 'district', 'department', 'territory', 'provinces', 'regions']);
/** city keywords after a name: "Idlib city" */
export const CITY_AFTER = new Set(['city', 'town', 'village']);

export const DIRECTIONS = new Set([
  'northern', 'southern', 'eastern', 'western', 'central', 'northeastern', 'northwestern', 'southeastern',
  'southwestern', 'north-eastern', 'north-western', 'south-eastern', 'south-western', 'north', 'south', 'east',
  'west', 'northeast', 'northwest', 'southeast', 'southwest', 'upper', 'lower', 'coastal', 'rural', 'downtown',
]);

/** words before a capitalized name that make it a person, not a place */
export const TITLES = new Set([
  'president', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'gen', 'gen.', 'general', 'minister', 'king',
  'queen', 'prince', 'princess', 'sheikh', 'senator', 'sen', 'sen.', 'rep', 'rep.', 'gov', 'gov.', 'governor',
  'secretary', 'chancellor', 'pope', 'emir', 'sultan', 'colonel', 'col', 'col.', 'lt', 'lt.', 'capt', 'capt.',
  'captain', 'admiral', 'adm', 'adm.', 'judge', 'justice', 'ambassador', 'envoy', 'spokesman', 'spokeswoman',
  'premier', 'mayor', 'commander', 'saint', 'st', 'st.', 'lord', 'lady', 'sir', 'professor', 'prof', 'prof.',
]);

/** lowercase words allowed inside a multi-word place name ("Dar es Salaam", "Rio de Janeiro") */
export const NAME_CONNECTORS = new Set(['de', 'del', 'da', 'do', 'dos', 'das', 'la', 'le', 'les', 'el', 'al', 'es', 'ez', 'ed', 'ad', 'ar', 'as', 'an', 'ash', 'of', 'the', 'upon', 'sur', 'am', 'im', 'y', 'e', 'en', 'di', 'ul', 'bin', 'au', 'aux', 'lez', 'sous', 'bei', 'on', '-', ',', '.']);

/** facilities named after their place: "the Rafah crossing", "Kharkiv airport" are at Rafah, Kharkiv */
export const FACILITIES = new Set([
  'airport', 'airbase', 'base', 'port', 'harbour', 'harbor', 'crossing', 'checkpoint', 'border', 'bridge', 'dam',
  'prison', 'jail', 'hospital', 'camp', 'refinery', 'plant', 'station', 'square', 'market', 'stadium', 'factory',
  'depot', 'terminal', 'mosque', 'church', 'cathedral', 'embassy', 'consulate', 'highway', 'road', 'railway',
]);
