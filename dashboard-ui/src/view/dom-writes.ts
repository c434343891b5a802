/**
 * Writes to the DOM that happen only when the value changes. The page paints in every animation
 * frame; writing an attribute its current value still queues mutation records and may invalidate
 * style, so a frame in which nothing changed must write nothing at all.
 */

export function setHidden(element: HTMLElement, hidden: boolean): void {
  if (element.hidden !== hidden) element.hidden = hidden;
}

export function setAttr(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

export function setTitle(element: HTMLElement, title: string): void {
  if (element.title !== title) element.title = title;
}
