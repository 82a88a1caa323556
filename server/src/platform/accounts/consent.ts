// The version of the licensee-facing legal documents (offer, personal-data consent, policy)
// a person accepts at sign-up. Bump it when the documents change; it is stored per account.
export const LEGAL_DOCUMENTS_VERSION = '2026-11-01';
