// Checks an AsyncAPI document with the official parser and, given an output directory, renders it to one HTML page
// with the official generator and HTML template:
//
//   node asyncapi-html.js asyncapi.json           check only
//   node asyncapi-html.js asyncapi.json html      check, then write html/index.html
//
// Exit code 0 when the document has no error diagnostic (and the page was written), 1 when it has one, 2 when a
// step failed. Needs nothing from the network once the packages of package.json are installed.
const fs = require('fs');
const path = require('path');
const { Parser } = require('@asyncapi/parser');

async function check(file) {
  const { document, diagnostics } = await new Parser().parse(fs.readFileSync(file, 'utf8'));
  // severity 0 is an error; 1 warning, 2 information, 3 hint
  for (const d of diagnostics) {
    console.log(['ERROR', 'WARNING', 'INFO', 'HINT'][d.severity] + ' ' + d.code + ' '
        + (d.path || []).join('/') + ': ' + d.message);
  }
  const parsed = document !== undefined && !diagnostics.some(d => d.severity === 0);
  console.log(parsed ? 'PARSED' : 'NOT PARSED');
  return parsed;
}

// tag::render[]
async function render(file, output) {
  const Generator = require('@asyncapi/generator');
  const generator = new Generator('@asyncapi/html-template', path.resolve(output), {
    forceWrite: true,                     // the output directory may exist
    templateParams: { singleFile: 'true' } // styles and scripts inside index.html: the page loads nothing else
  });
  await generator.generateFromFile(path.resolve(file));
  console.log('RENDERED ' + path.resolve(output, 'index.html'));
}
// end::render[]

(async () => {
  const [file, output] = process.argv.slice(2);
  if (!await check(file)) {
    process.exit(1);
  }
  if (output) {
    await render(file, output);
  }
})().catch(e => { console.log('FAILED ' + (e.stack || e)); process.exit(2); });
