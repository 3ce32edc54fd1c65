import type { MessageState } from '../messages/state.js';
import type { Decision } from './decide.js';

/** A recipient message with its verdict: what selection, reports and renderers work from. */
export interface MessageView {
  state: MessageState;
  decision: Decision;
}
