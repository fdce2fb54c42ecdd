// secretlint's rate once warm, over whole files, in the same protocol as dev.nome.bench.ScrubRate:
// one engine (the recommended preset, the mask-result formatter, which writes the masked text),
// each file linted over and over for a warm-up time, then for a measured time, pass by pass;
// prints the median MiB/s of the measured passes per file, and the median of the files.
//
//   node bench/peers/secretlint-rate.mjs CONFIG FILE...   (run from where secretlint is installed)
import { createEngine } from "@secretlint/node";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const WARM_UP_SECONDS = 3;
const MEASURED_SECONDS = 3;

const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 === 1 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};

const [configFilePath, ...files] = process.argv.slice(2);
const engine = await createEngine({ configFilePath, formatter: "mask-result", color: false });
const all = [];
for (const file of files) {
  const content = readFileSync(file, "utf8");
  const mib = Buffer.byteLength(content) / 1048576;
  const rates = [];
  const began = process.hrtime.bigint();
  const since = (t) => Number(process.hrtime.bigint() - t) / 1e9;
  while (since(began) < WARM_UP_SECONDS + MEASURED_SECONDS) {
    const start = process.hrtime.bigint();
    const warm = since(began) >= WARM_UP_SECONDS;
    const result = await engine.executeOnContent({ content, filePath: file });
    const seconds = since(start);
    if (typeof result.output !== "string" || result.output.length === 0) {
      throw new Error(`secretlint wrote no masked text for ${file}`);
    }
    if (warm) rates.push(mib / seconds);
  }
  all.push(median(rates));
  console.log(
    `secretlint ${basename(file)} ${median(rates).toFixed(1)} MiB/s ` +
      `(passes ${Math.min(...rates).toFixed(0)}-${Math.max(...rates).toFixed(0)})`,
  );
}
console.log(`secretlint all ${median(all).toFixed(1)} MiB/s`);
