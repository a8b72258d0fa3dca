'use strict';
// Preloaded by the benchmark: `node --require test/bench/rssProbe.cjs dist/cli.js …`. When the process
// exits, writes its peak resident set size (process.resourceUsage().maxRSS, in KB) to the file named by
// $AIP_BENCH_RSS_FILE. Child processes (git) are not included. Does nothing when the variable is unset.
const file = process.env.AIP_BENCH_RSS_FILE;
if (file) {
  const fs = process.getBuiltinModule('node:fs');
  process.on('exit', () => {
    fs.writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
