/** Classification scores shared by the eval commands. */

export interface LabelScore {
  label: string;
  support: number;
  predicted: number;
  tp: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassScores {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: LabelScore[];
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * Accuracy and per-label precision/recall/F1 over (gold, predicted) pairs. Macro-F1 averages over the gold
 * labels only (a label dyad predicts but the gold never has still costs precision on the others).
 */
export function classScores(pairs: { gold: string; pred: string }[]): ClassScores {
  const labels = [...new Set(pairs.map((p) => p.gold))].sort();
  const perLabel: LabelScore[] = labels.map((label) => {
    const support = pairs.filter((p) => p.gold === label).length;
    const predicted = pairs.filter((p) => p.pred === label).length;
    const tp = pairs.filter((p) => p.gold === label && p.pred === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    return { label, support, predicted, tp, precision, recall, f1: f1(precision, recall) };
  });
  const correct = pairs.filter((p) => p.gold === p.pred).length;
  return {
    n: pairs.length,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: perLabel.length ? perLabel.reduce((a, l) => a + l.f1, 0) / perLabel.length : 0,
    perLabel,
  };
}

/** precision/recall/F1 from counts */
export function prf(tp: number, predicted: number, gold: number): { precision: number; recall: number; f1: number } {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return { precision, recall, f1: f1(precision, recall) };
}

export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
export const num = (x: number) => x.toFixed(3);

/** a fixed-width text table */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const w = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(cells[0]), w.map((n) => '-'.repeat(n)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
