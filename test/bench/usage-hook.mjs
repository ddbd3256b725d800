// Preloaded into the CLI by bench:audit (node --import): at exit, writes the process's own peak
// RSS and CPU time (all threads, getrusage) to BENCH_USAGE_FILE. Nothing else changes.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
