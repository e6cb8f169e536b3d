import { existsSync, readFileSync } from 'node:fs';
import { loadYaml } from '../util/load-yaml.js';
import { ApprovalError } from './approval-error.js';
import type { ApprovalPolicy } from './approval-policy.js';
import { policyTools } from './approval-policy.js';
import type { Approver } from './approver.js';
import { approverNames, lookupApprover } from './approver-registry.js';
import { autoApprover } from './auto-approver.js';
import { humanApprover } from './human-approver.js';

// Named here as well as in the registry, so that the built-ins are there even when a bundler drops unused modules.
const builtinApprovers: Record<string, (options?: unknown) => Approver> = {
  auto: autoApprover as (options?: unknown) => Approver,
  human: humanApprover as (options?: unknown) => Approver,
};

function findApprover(name: string): ((options?: unknown) => Approver) | undefined {
  return lookupApprover(name) ?? (Object.hasOwn(builtinApprovers, name) ? builtinApprovers[name] : undefined);
}

function knownApprovers(): string {
  return [...new Set([...Object.keys(builtinApprovers), ...approverNames()])].sort().join(', ');
}

/** An approval policy as a policy file writes it (Inspect's `ApprovalPolicyConfig`). */
export interface ApprovalPolicyConfig {
  approvers: Array<{ name: string; tools: string | string[]; params: Record<string, unknown> }>;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Approval policies from their config (Inspect's format): each approver by registry name, the tools (names or globs)
 * it decides on, and its options as the other keys (or under `params`). `where` names the source in errors.
 */
export function approvalPoliciesFromConfig(options: { config: unknown; where: string }): ApprovalPolicy[] {
  const { config, where } = options;
  const fail = (key: string, message: string): never => {
    throw new ApprovalError({ code: 'approval_policy_invalid', file: where, key, message: `${where}: ${key}: ${message}` });
  };
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return fail('approvers', `expected a mapping with an "approvers" list, got ${describe(config)}.`);
  }
  const approvers = (config as Record<string, unknown>).approvers;
  if (!Array.isArray(approvers)) return fail('approvers', `expected a list of approvers, got ${describe(approvers)}.`);
  const extra = Object.keys(config).filter((key) => key !== 'approvers');
  if (extra.length > 0) return fail(extra[0] as string, 'unknown key; a policy file has only "approvers".');
  return approvers.map((entry: unknown, index) => {
    const at = `approvers[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return fail(at, `expected a mapping with "name" and "tools", got ${describe(entry)}.`);
    }
    const { name, tools, params, ...rest } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') return fail(`${at}.name`, `expected an approver name, got ${describe(name)}.`);
    const isToolList = Array.isArray(tools) && tools.length > 0 && tools.every((tool) => typeof tool === 'string');
    if (!(typeof tools === 'string' || isToolList) || policyTools(tools as string | string[]).length === 0) {
      return fail(`${at}.tools`, `expected a tool name or glob, or a list of them, got ${describe(tools)}.`);
    }
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      return fail(`${at}.params`, `expected a mapping of approver options, got ${describe(params)}.`);
    }
    const factory = findApprover(name);
    if (!factory) {
      return fail(`${at}.name`, `unknown approver "${name}"; known approvers: ${knownApprovers()} (define others with defineApprover).`);
    }
    try {
      const approver = factory({ ...(params as Record<string, unknown> | undefined), ...rest });
      return { approver, tools: tools as string | string[] };
    } catch (error) {
      if (error instanceof ApprovalError) return fail(at, error.message);
      throw error;
    }
  });
}

/**
 * Reads approval policies from a YAML or JSON file in Inspect's format.
 * @example readApprovalPolicies({ file: 'approval.yaml' })
 * // approvers:
 * //   - name: human
 * //     tools: ["bash", "python"]
 * //   - name: auto
 * //     tools: "*"
 */
export function readApprovalPolicies(options: { file: string }): ApprovalPolicy[] {
  const { file } = options;
  if (!existsSync(file)) {
    throw new ApprovalError({ code: 'approval_policy_invalid', file, message: `Approval policy file not found: ${file}` });
  }
  const document = loadYaml().parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  const [first] = document.errors;
  if (first) {
    const line = first.linePos?.[0];
    const position = line ? ` (line ${line.line}, column ${line.col})` : '';
    throw new ApprovalError({
      code: 'approval_policy_invalid',
      file,
      message: `${file}${position}: not valid YAML or JSON: ${first.message.split('\n')[0] ?? ''}`,
    });
  }
  return approvalPoliciesFromConfig({ config: document.toJS() as unknown, where: file });
}

/**
 * The policies an `approval` option names: a policy file, the name of an approver applied to every tool (`human`,
 * `auto`), a policy config (as a log records it), or the policies themselves.
 */
export function resolveApproval(
  approval: string | readonly ApprovalPolicy[] | ApprovalPolicyConfig | undefined,
): ApprovalPolicy[] | undefined {
  if (approval === undefined) return undefined;
  if (Array.isArray(approval)) return [...(approval as readonly ApprovalPolicy[])];
  if (typeof approval !== 'string') return approvalPoliciesFromConfig({ config: approval, where: 'approval' });
  if (existsSync(approval)) return readApprovalPolicies({ file: approval });
  if (findApprover(approval)) return approvalPoliciesFromConfig({ config: { approvers: [{ name: approval, tools: '*' }] }, where: 'approval' });
  throw new ApprovalError({
    code: 'approval_policy_invalid',
    file: approval,
    message: `Approval policy file not found: ${approval} (nor is it an approver name; known approvers: ${knownApprovers()}).`,
  });
}

/** Policies as the log's eval spec records them (Inspect's `ApprovalPolicyConfig`): approver names, tools and options. */
export function approvalPolicyConfig(policies: readonly ApprovalPolicy[]): ApprovalPolicyConfig {
  return {
    approvers: policies.map((policy) => ({
      name: policy.approver.name,
      tools: typeof policy.tools === 'string' ? policy.tools : [...policy.tools],
      params: policy.approver.args,
    })),
  };
}
