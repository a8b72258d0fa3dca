// DOM construction for the panel. Everything from git is untrusted: it only ever reaches the DOM as
// text nodes or as values of whitelisted, inert attributes. No HTML parsing sinks exist here or
// anywhere in the webview (innerHTML & co. are banned; a unit test greps for them).

type AttrValue = string | number | boolean | undefined | null;
export type Attrs = Record<string, AttrValue>;
export type Child = Node | string | number | false | null | undefined | readonly Child[];

const HTML_ATTRS = new Set([
  'class', 'id', 'role', 'tabindex', 'title', 'type', 'value', 'placeholder', 'list', 'min', 'max',
  'maxlength', 'name', 'for', 'disabled', 'checked', 'hidden', 'spellcheck', 'autocomplete', 'open',
  'draggable', 'dir', 'lang', 'translate',
]);
const SVG_ATTRS = new Set([
  'class', 'id', 'role', 'x', 'y', 'width', 'height', 'viewBox', 'd', 'points', 'x1', 'x2', 'y1', 'y2',
  'cx', 'cy', 'r', 'rx', 'fill', 'stroke', 'stroke-width', 'transform', 'text-anchor', 'dominant-baseline',
  'patternUnits', 'patternTransform', 'focusable', 'preserveAspectRatio', 'tabindex',
]);
const SVG_NS = 'http://www.w3.org/2000/svg';

function allowed(set: Set<string>, name: string): boolean {
  return set.has(name) || /^aria-[a-z]+$/.test(name) || /^data-[a-z][a-z0-9-]*$/.test(name);
}

function setAttrs(node: Element, set: Set<string>, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (!allowed(set, name)) throw new Error(`attribute not allowed: ${name}`);
    if (value === undefined || value === null || value === false) continue;
    if (name === 'fill' && typeof value === 'string' && !/^(none|url\(#[\w-]+\)|currentColor)$/.test(value)) {
      throw new Error('fill takes none, currentColor or a local url(#id); colours come from CSS classes');
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (typeof c === 'string' || typeof c === 'number') parent.appendChild(document.createTextNode(String(c)));
    else parent.appendChild(c as Node);
  }
}

/** An HTML element with whitelisted attributes; string children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, HTML_ATTRS, attrs);
  append(node, children);
  return node;
}

/** An SVG element with whitelisted geometry attributes; string children become text nodes. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, SVG_ATTRS, attrs);
  append(node, children);
  return node;
}

/** Replaces all children (text-only for strings). */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** Sets text only when it changed (cheap on hot paths such as table rows). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function toggleClass(node: Element, name: string, on: boolean): void {
  if (node.classList.contains(name) !== on) node.classList.toggle(name, on);
}

export function button(label: Child, attrs: Attrs, onClick: (ev: MouseEvent) => void): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/**
 * A codicon (dist/codicons/codicon.css): decoration only, hidden from assistive technology — the
 * control it sits in keeps a text label or an aria-label.
 */
export function icon(name: string): HTMLSpanElement {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`not a codicon name: ${name}`);
  return el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A small tag: tool, model, count. */
export function chip(text: string, kind: string, title?: string): HTMLSpanElement {
  return el('span', { class: `chip chip-${kind}`, title }, text);
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: A | undefined;
  const run = (): void => {
    timer = undefined;
    if (last) {
      const args = last;
      last = undefined;
      fn(...args);
    }
  };
  const d = (...args: A): void => {
    last = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  d.flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    run();
  };
  d.cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    last = undefined;
  };
  return d;
}
