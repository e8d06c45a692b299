import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with elements in its slots ("Join {store}" with the store's name in a
 * <bdi>): the words stay whole in each language, wherever that language puts the slot.
 */
export function Interpolate({ text, slots }: { text: string; slots: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{i % 2 ? (slots[part] ?? `{${part}}`) : part}</Fragment>
      ))}
    </>
  );
}
