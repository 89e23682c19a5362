/**
 * Proxy relations: an outside actor that supports (cooperates with, as the source of the events) one local
 * party that is in conflict with another local party; and which outside actors back that opponent.
 */
import { pairEvidence, pairKey, type Pair } from './relations.js';
import type { ProxyRelation } from './types.js';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export interface ProxyInput {
  pairs: Map<string, Pair>;
  actors: string[];
  isLocal: (id: string) => boolean;
  /** mediators back nobody */
  mediators: Set<string>;
  k: number;
}

/** Decayed cooperation from x to y (events with x as source), and whether any of it was material. */
function support(pairs: Map<string, Pair>, x: string, y: string): { weight: number; material: boolean } {
  return pairs.get(pairKey(x, y))?.coop.get(x) ?? { weight: 0, material: false };
}

const tie = (pairs: Map<string, Pair>, x: string, y: string) => pairs.get(pairKey(x, y))?.weight ?? 0;

export function findProxies(o: ProxyInput): ProxyRelation[] {
  const { pairs, isLocal, mediators, k } = o;
  const locals = o.actors.filter(isLocal).sort();
  const outside = o.actors.filter((a) => !isLocal(a) && !mediators.has(a)).sort();
  /** y backs x: supports x, net tie positive */
  const backs = (y: string, x: string) => support(pairs, y, x).weight > 0 && tie(pairs, y, x) > 0;
  const out: ProxyRelation[] = [];
  for (const client of locals) {
    for (const opponent of locals) {
      if (client === opponent || tie(pairs, client, opponent) >= 0) continue;
      const conflict = pairs.get(pairKey(client, opponent))!;
      const clientBackers = outside.filter((x) => backs(x, client) && !backs(x, opponent));
      const opponentBackers = outside.filter((y) => backs(y, opponent) && !backs(y, client));
      for (const backer of clientBackers) {
        const s = support(pairs, backer, client);
        const direct = tie(pairs, backer, opponent);
        const directPair = pairs.get(pairKey(backer, opponent));
        out.push({
          backer, client, opponent,
          opponent_backers: opponentBackers,
          support: s.material ? 'material' : 'verbal',
          direct_conflict: round(Math.min(0, direct)),
          strength: round(s.weight),
          evidence: {
            support: pairEvidence(pairs.get(pairKey(backer, client))!, 1, k, backer),
            conflict: pairEvidence(conflict, -1, k),
            direct: direct < 0 && directPair ? pairEvidence(directPair, -1, k) : [],
          },
        });
      }
    }
  }
  return out.sort((x, y) => y.strength - x.strength || (x.backer < y.backer ? -1 : x.backer > y.backer ? 1 : x.client < y.client ? -1 : 1));
}
