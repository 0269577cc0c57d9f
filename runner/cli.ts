process.stderr.write('pipeline: the CLI is being built\n');
process.exitCode = 1;
