import {execa} from 'execa';
import {join} from 'node:path';
import type {StageImplementation} from '../../runner/stage-definition.js';
import {commandEnvironment} from './command-environment.js';
import type {CommandParams} from './definition.js';
import {readMetricsFile} from './read-metrics-file.js';
import {collectOuts, removeOuts} from './workspace-outs.js';

/**
 * The command stage run inside a stage worker (a cluster worker, say).
 * The local runner does not use it: it starts the program as the stage
 * child itself and saves a process.
 */
export const commandImplementation: StageImplementation<CommandParams> = {
  async run(context) {
    const {params, workspace} = context;
    await removeOuts(workspace, params.outs);
    const options = {
      cwd: workspace,
      env: commandEnvironment(params, context.inputs),
      cancelSignal: context.signal,
      lines: true,
    } as const;
    const result =
      typeof params.run === 'string'
        ? await execa(params.run, {...options, shell: true, all: true})
        : await execa(params.run[0] ?? '', params.run.slice(1), {
            ...options,
            all: true,
          });
    result.all.forEach((line) => {
      context.log(line);
    });
    await collectOuts(workspace, params.outs, context.outputs);
    if (params.metrics !== undefined) {
      const metrics = await readMetricsFile(join(workspace, params.metrics));
      metrics.forEach((m) => {
        context.metric(m.name, m.value, m);
      });
    }
  },
};
