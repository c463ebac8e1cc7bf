import { createHash } from 'node:crypto';

import { inlineScriptHashes } from './security-headers';

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes the text of each inline script and skips scripts loaded from a file', () => {
    const html =
      '<script src="main.js" type="module"></script><script>one()</script>' +
      '<script type="text/javascript">\ntwo()\n</script>';

    expect(inlineScriptHashes(html)).toEqual([hashOf('one()'), hashOf('\ntwo()\n')]);
  });

  it('finds nothing in a page without inline scripts', () => {
    expect(inlineScriptHashes('<html><script src="a.js"></script></html>')).toEqual([]);
  });
});
