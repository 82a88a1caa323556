// How a stored phone reads. The server keeps numbers in E.164 ("+79165551234"); people in Russia
// read them grouped, "+7 916 555-12-34". One function for the dashboard and the lead mail, so an
// owner sees a number the same way in both. Not libphonenumber-js's international format: it
// groups Russian numbers with spaces only ("+7 916 555 12 34"), and the embed and dashboard
// would carry its metadata for one format.

/** "+79165551234" → "+7 916 555-12-34". Other numbers, and anything else, stay as stored. */
export function formatPhone(v: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(v);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : v;
}
