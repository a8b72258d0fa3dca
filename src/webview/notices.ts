// Dismissible banners for `notice` messages and audit errors (newest first, a few at most).
import { button, el, icon } from './dom';

const MAX_NOTICES = 4;

export class Notices {
  readonly root: HTMLElement;

  constructor() {
    this.root = el('div', { class: 'notices', role: 'region', 'aria-label': 'Notices', 'aria-live': 'polite' });
  }

  add(level: 'info' | 'error', message: string): void {
    for (const n of Array.from(this.root.children)) {
      // the same message again: move it to the top instead of stacking copies
      if (n instanceof HTMLElement && n.dataset.level === level && n.querySelector('.notice-text')?.textContent === message) n.remove();
    }
    const banner = el('div', { class: `notice notice-${level}`, role: level === 'error' ? 'alert' : 'status', 'data-level': level },
      icon(level === 'error' ? 'error' : 'info'),
      el('span', { class: 'notice-text' }, message));
    banner.appendChild(button(icon('close'), { class: 'icon', title: 'Dismiss', 'aria-label': 'Dismiss notice' }, () => banner.remove()));
    this.root.prepend(banner);
    while (this.root.children.length > MAX_NOTICES) this.root.lastElementChild?.remove();
  }

  clear(): void {
    this.root.replaceChildren();
  }
}
