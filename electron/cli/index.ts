import { EXIT_FAILED, PROCESS_IO, reportFailure, runCli } from './main';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    reportFailure(error, PROCESS_IO);
    process.exitCode = EXIT_FAILED;
  },
);
