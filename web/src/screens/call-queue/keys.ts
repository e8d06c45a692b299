/** A key pressed while typing in a field (or with a dialog open) is text, not a shortcut. */
export function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (el?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  return Boolean(document.querySelector('dialog[open]'));
}
