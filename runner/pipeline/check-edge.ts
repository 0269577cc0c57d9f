import type {OutputPort} from '../stage-definition.js';
import {didYouMean} from './did-you-mean.js';
import type {ExpansionContext} from './expand-stage.js';
import type {PlannedInstance} from './plan.js';
import type {Edge} from './stage-graph.js';

/**
 * Checks that an `inputs:` reference names an output of its producer with
 * the artifact type the port accepts. Checked once per edge against the
 * producer's first instance: ports do not vary along a matrix.
 */
export function checkEdge(edge: Edge, context: ExpansionContext): boolean {
  const producer = context.expanded.get(edge.producer)?.instances[0];
  // A broken producer was reported; its edges would only echo that.
  if (edge.producer.broken || producer === undefined) {
    return false;
  }
  const output = producer.outputPorts[edge.ref.port];
  if (output === undefined) {
    reportUnknownOutput(edge, producer, context);
    return false;
  }
  if (edge.open !== true && output.type !== edge.port.type) {
    reportMismatch(edge, producer, output, context);
    return false;
  }
  return true;
}

function reportUnknownOutput(
  edge: Edge,
  producer: PlannedInstance,
  context: ExpansionContext,
): void {
  const {ref} = edge;
  const names = Object.keys(producer.outputPorts);
  const hint = didYouMean(ref.port, names);
  const list = names.join(', ') || '(none)';
  const message = `Stage "${ref.stage}" (${producer.type}) has no output "${ref.port}".${hint} Its outputs: ${list}.`;
  context.collector.report(ref.span, 'unknown-output-port', message);
}

function reportMismatch(
  edge: Edge,
  producer: PlannedInstance,
  output: OutputPort,
  context: ExpansionContext,
): void {
  const {ref, port, input} = edge;
  const message = `Input "${input.port}" accepts ${port.type}, but ${ref.stage}.${ref.port} produces ${output.type}.`;
  const declared = {
    span: edge.producer.spec.keySpan,
    message: `Stage "${ref.stage}" (${producer.type}) is declared here.`,
  };
  context.collector.report(ref.span, 'type-mismatch', message, [declared]);
}
