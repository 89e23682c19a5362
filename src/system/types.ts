/**
 * The conflict-system view (issue #11): dyad relations over time, a signed actor network, sides and proxy
 * relations inferred from stored events. docs/system.md explains the method.
 */

export type Window = 'day' | 'week' | 'month';
/** How actor codes are aggregated: `none` keeps codes, `state` merges a country's state codes (GOV, MIL,
 *  COP, SPY, JUD, LEG, the bare country) — into XXXGOV for a local country, into XXX for the others — and
 *  `country` merges every code of a country into XXX. */
export type Collapse = 'none' | 'state' | 'country';

export interface SystemOptions {
  /** event date range, inclusive */
  from?: string;
  to?: string;
  /** the conflict's country (ISO3): its actors are the local parties; the system is every actor with an
   *  event in or with that country, and the events among them. Without it local countries are inferred. */
  country?: string;
  window?: Window;
  collapse?: Collapse;
  /** half-life of a tie's events, in days, counted back from the reference date; 0 = no decay (default 180) */
  halfLife?: number;
  /** strongest dyads listed (default 15) */
  top?: number;
  /** evidence events listed per claim (default 5) */
  evidence?: number;
}

/** One stored event quoted as the evidence of a claim. */
export interface EvidenceRef {
  /** store id (GET /api/events/:id) */
  id: number;
  /** the coder's event id, and the document's input id */
  event: string;
  doc: string;
  date: string;
  /** the actors as coded, before aggregation */
  source: string;
  target: string;
  cameo: string;
  quad_class: 1 | 2 | 3 | 4;
  goldstein: number;
  text: string;
}

export interface QuadCounts { q1: number; q2: number; q3: number; q4: number }

/** What an actor pair did to each other in a time span (a window, or the whole range). */
export interface RelationStats {
  events: number;
  /** events with a as source, with b as source */
  a_to_b: number;
  b_to_a: number;
  quad: QuadCounts;
  plover: Record<string, number>;
  goldstein_sum: number;
  goldstein_mean: number;
  /** signed tie weight without decay: + cooperation, − conflict (docs/system.md) */
  net: number;
  first: string;
  last: string;
  /** store ids of the supporting events, newest first (capped; `events` is the full count) */
  event_ids: number[];
}

export interface WindowRelation extends RelationStats {
  window: string;
}

export interface DyadRelation extends RelationStats {
  /** the pair, a < b */
  a: string;
  b: string;
  /** time-decayed signed weight: the tie in the signed network */
  weight: number;
  windows: WindowRelation[];
}

export interface SystemActor {
  id: string;
  country: string | null;
  /** an actor of a local country: a party to the local conflict, not an outside power */
  local: boolean;
  /** the coded actor codes merged into this one */
  codes: string[];
  events: number;
  /** side index, or null for mediators and actors without ties */
  side: number | null;
  /** ties to two opposed sides and no conflict: kept out of the sides */
  mediator: boolean;
}

/** Why an actor sits on its side: a tie to an ally (positive) or an opponent (negative). */
export interface TieReason {
  with: string;
  relation: 'ally' | 'opponent' | 'against';
  weight: number;
  evidence: EvidenceRef[];
}

export interface SideMember {
  actor: string;
  /** 0–1: share of the actor's tie weight that agrees with the placement, damped when there is little evidence */
  confidence: number;
  agree: number;
  against: number;
  reasons: TieReason[];
}

export interface Side {
  id: number;
  label: string;
  members: SideMember[];
  local: string[];
  outside: string[];
}

/** An outside actor backing one local party that is in conflict with another local party. */
export interface ProxyRelation {
  backer: string;
  client: string;
  opponent: string;
  /** outside actors that back the opponent */
  opponent_backers: string[];
  /** material (quad 2) or only verbal (quad 1) support */
  support: 'material' | 'verbal';
  /** the backer's own conflict with the opponent, if any (negative weight, 0 when none) */
  direct_conflict: number;
  strength: number;
  evidence: { support: EvidenceRef[]; conflict: EvidenceRef[]; direct: EvidenceRef[] };
}

/** A tie whose sign flipped between two windows with events: an alliance that broke, enemies that made peace. */
export interface TieChange {
  a: string;
  b: string;
  kind: 'broke' | 'reconciled';
  before: { window: string; net: number; evidence: EvidenceRef[] };
  after: { window: string; net: number; evidence: EvidenceRef[] };
}

export interface SystemView {
  params: Required<Pick<SystemOptions, 'window' | 'collapse' | 'halfLife'>> & { from: string | null; to: string | null; country: string | null };
  /** the date decay is counted back from (`to`, else the last event) */
  reference_date: string | null;
  /** dates of the first and last event in the system */
  first_date: string | null;
  last_date: string | null;
  local_countries: string[];
  windows: string[];
  actors: SystemActor[];
  sides: Side[];
  mediators: string[];
  proxies: ProxyRelation[];
  changes: TieChange[];
  /** strongest dyads by |weight| */
  dyads: DyadRelation[];
  /** every signed tie (a < b), for drawing the network */
  ties: { a: string; b: string; weight: number; events: number }[];
  /** structural balance: sum of tie weight the partition leaves unexplained, and its share of all tie weight */
  frustration: number;
  balance: number;
  method: string;
  stats: { events: number; actors: number; ties: number; ms: number };
}
