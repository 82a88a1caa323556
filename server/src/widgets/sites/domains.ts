// The domain rule lives in contracts (the editor's URL check uses it too).
export { hostBelongsTo, hostFromOrigin } from '#contracts/core/domains.js';
