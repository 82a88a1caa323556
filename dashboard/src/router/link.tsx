// An <a> that navigates inside the app; modified clicks (new tab, download) stay the browser's.
import type { ComponentChildren, JSX } from 'preact';
import { BASE, navigate } from './router.js';

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & { href: string; children?: ComponentChildren };

export function Link({ href, onClick, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={BASE + href}
      onClick={(e) => {
        (onClick as ((e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => void) | undefined)?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}
