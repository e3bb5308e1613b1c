/**
 * A button that opens a small panel beside it: by tap or click (touch works), by hover on
 * devices that hover, closed by Escape, a second click or a click elsewhere. Not title=, which
 * touch screens never show.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

type Props = {
  label: ReactNode;
  /** Accessible name of the button when `label` is not enough. */
  ariaLabel?: string;
  className?: string;
  hover?: boolean;
  children: ReactNode | ((close: () => void) => ReactNode);
  onOpen?(): void;
};

/** Opening a popover by click or tap closes the one opened before. */
let closePinned: (() => void) | undefined;

export function Popover({ label, ariaLabel, className = '', hover = false, children, onOpen }: Props) {
  const [open, setOpen] = useState(false);
  const [pinned, setPinned] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) {
        setOpen(false);
        setPinned(false);
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        setPinned(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const close = useCallback(() => {
    setOpen(false);
    setPinned(false);
  }, []);
  useEffect(
    () => () => {
      if (closePinned === close) closePinned = undefined;
    },
    [close],
  );
  const show = (pin: boolean) => {
    if (!open) onOpen?.();
    setOpen(true);
    if (pin) {
      setPinned(true);
      if (closePinned !== close) closePinned?.();
      closePinned = close;
    }
  };
  const canHover = hover && typeof window !== 'undefined' && window.matchMedia?.('(hover: hover)').matches;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hover only previews; the button inside opens and closes it for keyboard and touch
    <span
      ref={root}
      className={`popover-root ${className}`}
      onMouseEnter={canHover ? () => show(false) : undefined}
      onMouseLeave={
        canHover
          ? () => {
              if (!pinned) setOpen(false);
            }
          : undefined
      }
    >
      <button
        ref={button}
        type="button"
        className="popover-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={ariaLabel}
        onClick={() => (open && pinned ? close() : show(true))}
      >
        {label}
      </button>
      {open && (
        <span id={id} className="popover">
          {typeof children === 'function' ? children(close) : children}
        </span>
      )}
    </span>
  );
}
