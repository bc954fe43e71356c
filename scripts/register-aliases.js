// Resolves the `@app/<lib>` path aliases of tsconfig.json at run time for the compiled
// output in dist/ (swc does not rewrite them). Loaded with `node -r ./scripts/register-aliases.js`.
const Module = require('module');
const path = require('path');

const dist = path.resolve(__dirname, '..', 'dist');
const original = Module._resolveFilename;
Module._resolveFilename = function resolveAppAlias(request, ...rest) {
  const match = /^@app\/([a-z-]+)$/.exec(request);
  if (match) {
    return original.call(this, path.join(dist, 'libs', match[1], 'src', 'index.js'), ...rest);
  }
  return original.call(this, request, ...rest);
};
