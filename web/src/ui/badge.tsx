import type { ReactNode } from 'react';

/** A small coloured label; `kind` picks the colour (see styles.css, .badge-*). */
export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}
