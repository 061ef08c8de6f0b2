import { memo } from 'preact/compat';
import { useEffect, useRef } from 'preact/hooks';
import { money, seatName } from '../i18n/format';
import { t } from '../i18n/i18n';
import { AVAILABLE, HELD, seatAt, type SectionModel, type SeatModel } from './model';

export interface GridProps {
  model: SeatModel;
  section: SectionModel;
  /** Bumped on every status change so the memoized grid re-renders. */
  revision: number;
  picked: ReadonlySet<number>;
  mine: ReadonlySet<number>;
  focusIndex: number | undefined;
  seatPx: number;
  canPick: boolean;
  onToggle: (index: number) => void;
  onFocusIndex: (index: number) => void;
}

function statusWord(code: number | undefined, isPicked: boolean, isMine: boolean): string {
  if (isMine) return t('seats.status.MINE');
  if (isPicked) return t('seats.status.PICKED');
  return t(code === AVAILABLE ? 'seats.status.AVAILABLE' : code === HELD ? 'seats.status.HELD' : 'seats.status.SOLD');
}

/**
 * The seat number is drawn from `data-n` by CSS, so the spoken name is the full one ("F1구역 1열 11번, VIP, ₩220,000,
 * 선택 가능") and not a bare number that would have to be part of it.
 *
 * One section's seats as an ARIA grid with a roving tabindex: Tab enters the grid once, arrow keys move between
 * seats (Home/End to a row's ends), Enter or Space picks. Each seat is named in words with its grade, price and status.
 */
export const SectionGrid = memo(function SectionGrid(p: GridProps) {
  const { section, model } = p;
  const gridRef = useRef<HTMLDivElement>(null);
  const first = section.offset;
  const active = p.focusIndex !== undefined && p.focusIndex >= first && p.focusIndex < first + section.rows * section.seatsPerRow ? p.focusIndex : first;

  // Opening a section moves focus into its grid (the section button that had it is gone); later moves keep it there.
  useEffect(() => {
    gridRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus({ preventScroll: true });
  }, [section.name]);
  useEffect(() => {
    const el = gridRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (el && gridRef.current?.contains(document.activeElement) && document.activeElement !== el) el.focus();
  }, [active]);

  const move = (e: KeyboardEvent) => {
    const local = active - first;
    let row = Math.floor(local / section.seatsPerRow);
    let col = local % section.seatsPerRow;
    switch (e.key) {
      case 'ArrowRight':
        col = Math.min(section.seatsPerRow - 1, col + 1);
        break;
      case 'ArrowLeft':
        col = Math.max(0, col - 1);
        break;
      case 'ArrowDown':
        row = Math.min(section.rows - 1, row + 1);
        break;
      case 'ArrowUp':
        row = Math.max(0, row - 1);
        break;
      case 'Home':
        col = 0;
        break;
      case 'End':
        col = section.seatsPerRow - 1;
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        p.onToggle(active);
        return;
      default:
        return;
    }
    e.preventDefault();
    p.onFocusIndex(first + row * section.seatsPerRow + col);
    requestAnimationFrame(() => gridRef.current?.querySelector<HTMLElement>(`[data-index="${first + row * section.seatsPerRow + col}"]`)?.focus());
  };

  const rows = [];
  for (let row = 1; row <= section.rows; row++) {
    const cells = [];
    for (let n = 1; n <= section.seatsPerRow; n++) {
      const ref = seatAt(model, section, row, n);
      const code = model.status[ref.index];
      const isPicked = p.picked.has(ref.index);
      const isMine = p.mine.has(ref.index);
      const free = code === AVAILABLE;
      const cls = isMine ? 'mine' : isPicked ? 'picked' : free ? 'free' : code === HELD ? 'held' : 'sold';
      cells.push(
        <div
          key={n}
          role="gridcell"
          class={`seat ${cls}`}
          data-index={ref.index}
          data-seat={ref.seatId}
          data-n={n}
          tabIndex={ref.index === active ? 0 : -1}
          aria-selected={isPicked || isMine}
          aria-disabled={!p.canPick || (!free && !isPicked)}
          aria-label={`${seatName(ref)}, ${section.grade}, ${money(section.price, section.currency)}, ${statusWord(code, isPicked, isMine)}`}
          onClick={() => {
            p.onFocusIndex(ref.index);
            p.onToggle(ref.index);
          }}
        />,
      );
    }
    rows.push(
      <div role="row" class="seat-row" key={row}>
        <div role="rowheader" class="row-label">
          {t('seats.rowLabel', { row })}
        </div>
        {cells}
      </div>,
    );
  }
  return (
    <div class="grid-wrap">
      <p class="muted hint" id="grid-hint">
        {t('seats.gridHint')}
      </p>
      <div
        ref={gridRef}
        role="grid"
        class="seat-grid"
        aria-label={t('seats.sectionLabel', { section: section.name, grade: section.grade, left: section.available })}
        aria-describedby="grid-hint"
        style={{ '--seat': `${p.seatPx}px` }}
        onKeyDown={move}
        data-testid="seat-grid"
      >
        {rows}
      </div>
    </div>
  );
});
