// The manager's part of a lead: its status (one tap), a note, and who changed what and when.
import { useEffect, useId, useState } from 'preact/hooks';
import type { LeadStatus } from '#contracts/core/leads.js';
import { LEAD_NOTE_MAX } from '#contracts/core/leads.js';
import { api } from '../api.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { errorText } from '../ui/errors.js';
import { toast } from '../ui/toast.js';
import { isLeadStatus, LEAD_STATUSES, statusLabel } from './lead-status.js';

export interface LeadHistoryEntry {
  kind: 'status' | 'note';
  from: string;
  to: string;
  author: string;
  at: number;
}

const label = (s: string) => (isLeadStatus(s) ? statusLabel(s) : s);

function historyLine(e: LeadHistoryEntry): string {
  if (e.kind === 'status') return t('leads.historyStatus', { author: e.author, from: label(e.from), to: label(e.to) });
  return e.to ? t('leads.historyNote', { author: e.author, to: e.to }) : t('leads.historyNoteCleared', { author: e.author });
}

export function LeadWork({
  leadId,
  status: initialStatus,
  note: initialNote,
  history: initialHistory,
  onChanged,
}: {
  leadId: string;
  status: LeadStatus;
  note: string;
  history: LeadHistoryEntry[];
  onChanged: () => void;
}) {
  const [status, setStatus] = useState(initialStatus);
  const [note, setNote] = useState(initialNote);
  const [savedNote, setSavedNote] = useState(initialNote);
  const [history, setHistory] = useState(initialHistory);
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  useEffect(() => {
    setStatus(initialStatus);
    setNote(initialNote);
    setSavedNote(initialNote);
    setHistory(initialHistory);
  }, [leadId]);

  const save = async (change: { status?: LeadStatus; note?: string }) => {
    setBusy(true);
    try {
      const res = await api<{ status: LeadStatus; history: LeadHistoryEntry[] }>('PATCH', `/leads/${encodeURIComponent(leadId)}`, change);
      setStatus(res.status);
      setHistory(res.history);
      if (change.note !== undefined) {
        setSavedNote(change.note);
        toast(t('leads.noteSaved'));
      } else toast(t('leads.statusSaved', { status: statusLabel(res.status) }));
      onChanged();
    } catch (err) {
      setStatus(status);
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <fieldset class="status-choices" disabled={busy}>
        <legend>{t('leads.status')}</legend>
        {LEAD_STATUSES.map((s) => (
          <label key={s}>
            <input
              type="radio"
              name={`status-${leadId}`}
              value={s}
              checked={status === s}
              onChange={() => {
                setStatus(s);
                void save({ status: s });
              }}
            />
            {statusLabel(s)}
          </label>
        ))}
      </fieldset>
      <form
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ note });
        }}
      >
        <label for={noteId}>{t('leads.note')}</label>
        <textarea id={noteId} class="input" rows={3} maxLength={LEAD_NOTE_MAX} value={note} aria-describedby={`${noteId}-h`} onInput={(e) => setNote(e.currentTarget.value)} />
        <p class="hint" id={`${noteId}-h`}>
          {t('leads.noteHint')}
        </p>
        <div>
          <button type="submit" class="btn btn-small" disabled={busy || note === savedNote}>
            {t('leads.saveNote')}
          </button>
        </div>
      </form>
      <h3 class="detail-h">{t('leads.history')}</h3>
      {history.length === 0 ? (
        <p class="muted small">{t('leads.historyEmpty')}</p>
      ) : (
        <ol class="lead-history">
          {history.map((e) => (
            <li key={`${e.at}-${e.kind}`}>
              {historyLine(e)}
              <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
