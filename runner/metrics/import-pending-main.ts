import {importPendingRuns} from './pending-runs.js';

// The detached importer `pipeline run` starts on its way out. It runs
// after the runner has exited, so a failure here is left for the next
// reader, which imports what is still pending.
const resultsFile = process.argv[2];
if (resultsFile !== undefined) {
  await importPendingRuns(resultsFile).catch(() => {
    process.exitCode = 1;
  });
}
