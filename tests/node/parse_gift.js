// Parse a GIFT file with gift-pegjs (an independent GIFT parser) and print
// the questions as JSON. Usage: node tests/node/parse_gift.js FILE
const fs = require("fs");
const parser = require("gift-pegjs");
try {
  process.stdout.write(JSON.stringify(parser.parse(fs.readFileSync(process.argv[2], "utf8"))));
} catch (e) {
  process.stderr.write(`GIFT parse error: ${e.message}` + (e.location ? ` at line ${e.location.start.line}` : "") + "\n");
  process.exit(1);
}
