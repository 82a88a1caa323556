// @vitest-environment happy-dom
// Routing under /app: path matching, navigation with the History API, and the guard a page with
// unsaved edits sets (asked before another page opens, not when the page changes its own query).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matchPath, navigate, setLeaveGuard, setQuery } from './router.js';

describe('matchPath', () => {
  it('takes parameters, decoded, and refuses other shapes', () => {
    expect(matchPath('/sites/:id', '/sites/site_1')).toEqual({ id: 'site_1' });
    expect(matchPath('/widgets/:id/edit', '/widgets/wdg%201/edit')).toEqual({ id: 'wdg 1' });
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/sites/:id', '/sites')).toBeNull();
    expect(matchPath('/sites/:id', '/widgets/site_1')).toBeNull();
    expect(matchPath('/sites/:id', '/sites/site_1/more')).toBeNull();
  });
});

describe('navigation', () => {
  beforeEach(() => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    navigate('/');
  });
  afterEach(() => {
    setLeaveGuard(null);
    vi.restoreAllMocks();
  });

  it('pushes /app URLs, and a page of its own scrolls to the top', () => {
    const before = history.length;
    navigate('/widgets');
    expect(location.pathname).toBe('/app/widgets');
    expect(history.length).toBe(before + 1);
    expect(window.scrollTo).toHaveBeenCalledWith(0, 0);
    navigate('/sites', { replace: true });
    expect(location.pathname).toBe('/app/sites');
    expect(history.length).toBe(before + 1);
  });

  it('asks the leave guard before another page, and stays when it says no', () => {
    navigate('/widgets/wdg_1');
    const guard = vi.fn(() => false);
    setLeaveGuard(guard);
    navigate('/leads');
    expect(guard).toHaveBeenCalledOnce();
    expect(location.pathname).toBe('/app/widgets/wdg_1');
    guard.mockReturnValue(true);
    navigate('/leads');
    expect(location.pathname).toBe('/app/leads');
    // Leaving drops the guard: the next page did not set one.
    guard.mockClear();
    navigate('/sites');
    expect(guard).not.toHaveBeenCalled();
  });

  it('a page changing its own query (filters, paging) needs no guard and adds no history entry', () => {
    navigate('/leads');
    const guard = vi.fn(() => false);
    setLeaveGuard(guard);
    const before = history.length;
    setQuery({ q: 'Мария', site: '', page: 2, widget: undefined, from: null });
    expect(location.pathname + location.search).toBe(`/app/leads?q=${encodeURIComponent('Мария').replace(/%20/g, '+')}&page=2`);
    expect(history.length).toBe(before);
    expect(guard).not.toHaveBeenCalled();
    setQuery({ q: 'Иван' }, { push: true });
    expect(history.length).toBe(before + 1);
  });
});
