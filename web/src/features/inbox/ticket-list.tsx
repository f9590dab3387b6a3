import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { BulkBar } from './bulk-bar.tsx';
import { TicketRow } from './ticket-row.tsx';
import { selectRange } from './views.ts';
import { useTicketList } from './tickets-api.ts';
import { useInboxKeys } from './use-inbox-keys.ts';

const ROW_HEIGHT = 68;

/**
 * The tickets of a view: only the rows on screen exist in the DOM (react-virtual), and the
 * next cursor page loads as the end comes into view, so a 10,000-ticket view scrolls like a short one.
 */
export function TicketList({ params, announcement, announce }: { params: Record<string, string>; announcement: string; announce: (text: string) => void }) {
  const { t } = useTranslation();
  const list = useTicketList(params);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [selection, setSelection] = useState<Set<string>>(() => new Set());
  const lastSelected = useRef(-1);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const paramsKey = JSON.stringify(params);

  useEffect(() => {
    setActive(0);
    setSelection(new Set());
    lastSelected.current = -1;
  }, [paramsKey]);
  useEffect(() => {
    if (lastIndex >= rows.length - 10 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastIndex, rows.length, list]);

  const focusRow = useCallback(
    (index: number) => {
      setActive(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      // The row may only exist after the scroll renders it.
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`)?.focus());
    },
    [virtualizer],
  );
  const select = useCallback(
    (index: number, selected: boolean, range: boolean) => {
      const ids = rows.map((r) => r.id);
      setSelection((current) => selectRange(current, ids, range && lastSelected.current >= 0 ? lastSelected.current : index, index, selected));
      lastSelected.current = index;
    },
    [rows],
  );
  const clearSelection = useCallback(() => setSelection(new Set()), []);
  useInboxKeys({ rows, active, focusRow, announce, selection, select, clearSelection });
  const selectedRows = rows.filter((r) => selection.has(r.id));

  if (list.isPending) return <p role="status">{t('common.loading')}</p>;
  if (list.isError) return <p role="alert" className="form-error">{errorMessage(t, list.error)}</p>;

  return (
    <>
      <p className="keyboard-hint" id="inbox-keys">
        {t('inbox.keyboardHint')} {t('inbox.loaded', { count: rows.length })}
        {list.hasNextPage ? '+' : ''}
      </p>
      <div className="sr-live" role="status" aria-live="polite">
        {announcement}
      </div>
      {selectedRows.length > 0 && (
        <BulkBar selected={selectedRows} onClear={clearSelection} onKeep={(ids) => setSelection(new Set(ids))} announce={announce} />
      )}
      {rows.length === 0 ? (
        <p className="empty">{t('inbox.empty')}</p>
      ) : (
        <div ref={scrollRef} className="ticket-scroll" data-testid="ticket-scroll">
          <ol className="ticket-list" aria-label={t('inbox.tickets')} aria-describedby="inbox-keys" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const ticket = rows[item.index];
              if (!ticket) return null;
              return (
                <TicketRow
                  key={ticket.id}
                  ticket={ticket}
                  index={item.index}
                  setSize={list.hasNextPage ? -1 : rows.length}
                  top={item.start}
                  active={item.index === active}
                  selected={selection.has(ticket.id)}
                  onSelect={select}
                  onFocus={() => setActive(item.index)}
                />
              );
            })}
          </ol>
        </div>
      )}
      {list.isFetchingNextPage && <p role="status">{t('common.loadingMore')}</p>}
    </>
  );
}
