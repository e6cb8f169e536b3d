export { agentState, emptyAgentOutput, type Agent, type AgentState } from './agent.js';
export { defineAgent, createAgent, type AgentDefinition, type AgentFactory, type AgentFunction } from './define-agent.js';
export { AgentOptionsError } from './agent-options-error.js';
export { react, type ReactOptions } from './react.js';
export {
  defaultAssistantPrompt,
  defaultContinuePrompt,
  defaultHandoffPrompt,
  defaultIncorrectMessage,
  defaultSubmitPrompt,
  type AgentAttempts,
  type AgentContinue,
  type AgentPrompt,
  type AgentSubmit,
} from './react-types.js';
export { handoff, hasHandoff, type HandoffOptions } from './handoff.js';
export { asTool, type AsToolOptions } from './as-tool.js';
export { asSolver } from './as-solver.js';
export { run, type RunOptions } from './run.js';
export { executeTools, type ExecuteToolsOptions, type ExecuteToolsResult } from './execute-tools.js';
export { removeTools, lastMessage, type MessageFilter } from './message-filter.js';
export { trimMessages } from './trim-messages.js';
export { score } from './score.js';
