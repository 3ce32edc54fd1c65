export { classifyReason } from './classify.js';
export { findForwardTarget } from './forward-target.js';
export { REASON_CLASS_DESCRIPTIONS } from './hints.js';
export { explainRecord } from './explain-format.js';
export type { ExplainRecord } from './explain-format.js';
export { REASON_CLASSES } from './types.js';
export type { ReasonClass, ReasonInfo, ReasonInput } from './types.js';
