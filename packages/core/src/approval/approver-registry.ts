import type { Approver } from './approver.js';

type AnyApproverFactory = (options?: unknown) => Approver;

// A plain object keyed by name (not a decorator registry): defineApprover adds to it, policy files read from it.
const approvers: Record<string, AnyApproverFactory> = Object.create(null) as Record<string, AnyApproverFactory>;

/** Registers an approver factory under `name` (done by `defineApprover`); a later definition replaces an earlier one. */
export function registerApprover(name: string, factory: AnyApproverFactory): void {
  approvers[name] = factory;
}

/** The approver factory registered as `name`, if any. */
export function lookupApprover(name: string): AnyApproverFactory | undefined {
  return approvers[name];
}

/** Names of every registered approver, sorted. */
export function approverNames(): string[] {
  return Object.keys(approvers).sort();
}
