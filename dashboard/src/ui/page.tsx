// A page's frame: the <h1> (focused after a route change, so screen readers announce where
// they are), the document title, optional actions on the right and a way back.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Link } from '../router/link.js';
import { brandName } from './brand.js';
import { Icon } from './icons.js';

let firstPage = true;

export interface PageProps {
  title: string;
  /** Shown under the title. */
  lead?: ComponentChildren;
  actions?: ComponentChildren;
  back?: { href: string; label: string };
  children: ComponentChildren;
}

export function Page({ title, lead, actions, back, children }: PageProps) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${brandName()}`;
  }, [title]);
  useEffect(() => {
    // Not on the very first page: focus would jump past the skip link and the navigation.
    if (!firstPage) h1.current?.focus({ preventScroll: true });
    firstPage = false;
  }, []);
  return (
    <>
      {back && (
        <Link class="back-link" href={back.href}>
          <Icon name="left" size={16} /> {back.label}
        </Link>
      )}
      <div class="page-head">
        <div class="page-title">
          <h1 tabIndex={-1} ref={h1}>
            {title}
          </h1>
          {lead && <p class="page-lead">{lead}</p>}
        </div>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
