// Placeholder dashboard: e-mail-code sign-in and the install snippet of each site. The full
// licensee app (widget editor, leads, usage) is built on top of this in its own issue.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiRequestError } from './api.js';

interface Me {
  email: string;
  tariff: { name: { ru: string } };
}
interface Site {
  id: string;
  name: string;
  domains: string[];
  snippet: string;
}

function SignIn({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState('');
  const run = (fn: () => Promise<void>) => (e: Event) => {
    e.preventDefault();
    setError('');
    fn().catch((err) => setError(err instanceof ApiRequestError ? err.message : 'Ошибка сети'));
  };
  return (
    <main>
      <h1>Вход в кабинет</h1>
      {!sent ? (
        <form onSubmit={run(async () => (await api('POST', '/auth/code', { email, consent }), setSent(true)))}>
          <label>
            E-mail <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
          <label>
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} /> Принимаю оферту и даю согласие на обработку персональных данных
          </label>
          <button>Получить код</button>
        </form>
      ) : (
        <form onSubmit={run(async () => (await api('POST', '/auth/verify', { email, code }), onDone()))}>
          <label>
            Код из письма <input inputMode="numeric" autoComplete="one-time-code" required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          </label>
          <button>Войти</button>
        </form>
      )}
      {error && <p role="alert">{error}</p>}
    </main>
  );
}

function Home({ me }: { me: Me }) {
  const [sites, setSites] = useState<Site[]>([]);
  useEffect(() => {
    api<{ sites: Site[] }>('GET', '/sites').then((r) => setSites(r.sites));
  }, []);
  return (
    <main>
      <h1>Кабинет</h1>
      <p>
        {me.email} · тариф «{me.tariff.name.ru}»
      </p>
      <h2>Сайты</h2>
      {sites.length === 0 && <p>Сайтов пока нет. Добавьте сайт через API: POST /api/sites.</p>}
      {sites.map((s) => (
        <section key={s.id}>
          <h3>{s.name}</h3>
          <p>{s.domains.join(', ')}</p>
          <p>Код установки — вставьте перед &lt;/body&gt;:</p>
          <pre>{s.snippet}</pre>
        </section>
      ))}
    </main>
  );
}

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const load = () =>
    api<Me>('GET', '/me')
      .then(setMe)
      .catch(() => setMe(null));
  useEffect(() => void load(), []);
  if (me === undefined) return <p>Загрузка…</p>;
  return me ? <Home me={me} /> : <SignIn onDone={load} />;
}

render(<App />, document.getElementById('app')!);
