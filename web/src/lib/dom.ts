/** Whether keystrokes go to a form field (page shortcuts must then stay quiet). */
export function isEditable(el: Element | null): boolean {
  return (
    !!el &&
    (el instanceof HTMLInputElement ||
      el instanceof HTMLTextAreaElement ||
      el instanceof HTMLSelectElement ||
      (el as HTMLElement).isContentEditable)
  );
}
