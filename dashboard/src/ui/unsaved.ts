// Warns before unsaved edits are lost: in-app navigation asks with a (synchronous, accessible)
// confirm(); closing or reloading the tab gets the browser's own prompt.
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { setLeaveGuard } from '../router/router.js';

export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', onBeforeUnload);
    setLeaveGuard(() => confirm(t('app.unsavedLeave')));
    return () => {
      removeEventListener('beforeunload', onBeforeUnload);
      setLeaveGuard(null);
    };
  }, [dirty]);
}
