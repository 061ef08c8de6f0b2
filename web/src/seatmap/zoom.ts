import { useEffect, useRef, useState } from 'preact/hooks';

/** Seat size at zoom 1: a 32 px tap target plus its 2 px gap. */
export const BASE_SEAT_PX = 34;
const MIN = 0.6;
const MAX = 2;

/**
 * Pinch (two pointers) and Ctrl/⌘ + wheel zoom of the seat grid, plus buttons; the zoom changes the seat size, so
 * the grid re-lays out crisply instead of scaling a bitmap.
 */
export function usePinchZoom() {
  const ref = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  const clamp = (s: number) => Math.min(MAX, Math.max(MIN, s));
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let startDistance = 0;
    let startScale = 1;
    const distance = () => {
      const [a, b] = [...pointers.values()];
      return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
    };
    const down = (e: PointerEvent) => {
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) {
        startDistance = distance();
        setScale((s) => (startScale = s));
      }
    };
    const moveHandler = (e: PointerEvent) => {
      if (!pointers.has(e.pointerId)) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2 && startDistance > 0) setScale(clamp((startScale * distance()) / startDistance));
    };
    const up = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) startDistance = 0;
    };
    const wheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      setScale((s) => clamp(s * (e.deltaY < 0 ? 1.1 : 1 / 1.1)));
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', moveHandler);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', moveHandler);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('wheel', wheel);
    };
  });
  return {
    ref,
    seatPx: Math.round(BASE_SEAT_PX * scale),
    in: () => setScale((s) => clamp(s * 1.25)),
    out: () => setScale((s) => clamp(s / 1.25)),
  };
}
