import 'reflect-metadata';
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`minyi: ${String(error)}\n`);
    process.exit(1);
  },
);
