import { describe, expect, it } from 'vitest';
import * as quality from 'gapwise/quality';

describe('gapwise/quality package entry', () => {
  it('exports the spec’s functions', () => {
    const names = [
      'csatSummary',
      'npsSummary',
      'cesSummary',
      'wilsonInterval',
      'servqualScores',
      'cronbachAlpha',
      'kanoCategory',
      'kanoSummary',
      'pChart',
      'xmrChart',
      'kruskalWallis',
      'coefficientOfVariation',
    ] as const;
    for (const name of names) expect(typeof quality[name], name).toBe('function');
  });

  it('returns plain JSON-able objects', () => {
    const summary = quality.npsSummary([10, 9, 9, 7, 3]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    const scores = quality.servqualScores([{ answers: { q1: { expectation: 5, perception: 4 } } }]);
    expect(JSON.parse(JSON.stringify(scores))).toEqual(scores);
  });
});
