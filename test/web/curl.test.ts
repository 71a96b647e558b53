// The curl paste of the Request tab: command lines as people copy them (from docs, from a
// terminal, from a browser's "Copy as cURL"), read into the request form, and clear errors for
// what it does not understand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CurlError, parseCurl } from '../../apps/web/src/kata/curl.js';

const refused = (line: string, message: RegExp) => assert.throws(() => parseCurl(line), (err: Error) => err instanceof CurlError && message.test(err.message), line);

describe('parseCurl', () => {
  it('reads a plain GET: the path and query of the URL, whatever its host', () => {
    assert.deepEqual(parseCurl('curl http://localhost:3000/items?sort=asc&limit=2'.replace('&', '\\&')), { method: 'GET', path: '/items?sort=asc&limit=2', headers: [], body: '' });
    assert.deepEqual(parseCurl("curl 'https://api.example.com'"), { method: 'GET', path: '/', headers: [], body: '' });
    assert.equal(parseCurl('curl localhost:3000/a/b#frag').path, '/a/b', 'no scheme means http; the fragment is never sent');
  });

  it('reads -X, -H and -d in every spelling, headers in order', () => {
    const parsed = parseCurl(`curl -X PUT -H 'Content-Type: application/json' --header "X-Trace: a b" -H'X-Trace:c' --request=PATCH http://localhost:3000/users/7 -d '{"name":"Ada"}'`);
    assert.deepEqual(parsed, {
      method: 'PATCH',
      path: '/users/7',
      headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Trace', value: 'a b' }, { name: 'X-Trace', value: 'c' }],
      body: '{"name":"Ada"}',
    });
    assert.equal(parseCurl('curl -XDELETE localhost/x').method, 'DELETE');
  });

  it('makes -d a POST with a form body, joining several with &', () => {
    assert.deepEqual(parseCurl('curl -d a=1 --data b=2 --data-raw @c --data-binary "d e" localhost/form'), {
      method: 'POST',
      path: '/form',
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      body: 'a=1&b=2&@c&d e',
    });
  });

  it('reads --json as a JSON POST', () => {
    assert.deepEqual(parseCurl(`curl --json '{"a":1}' localhost/api`), {
      method: 'POST',
      path: '/api',
      headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Accept', value: 'application/json' }],
      body: '{"a":1}',
    });
    assert.deepEqual(parseCurl(`curl --json '{}' -H 'content-type: text/json' localhost`).headers, [{ name: 'content-type', value: 'text/json' }, { name: 'Accept', value: 'application/json' }]);
  });

  it('follows the shell: backslash-newlines, quotes inside quotes, escapes, $\'…\'', () => {
    const pasted = `$ curl -i \\
  -X POST \\
  -H "Authorization: Bearer \\"quoted\\"" \\\r
  -H 'X-Note: it'\\''s fine' \\
  --data-raw $'line one\\nline two\\t\\x41' \\
  http://localhost:3000/notes`;
    assert.deepEqual(parseCurl(pasted), {
      method: 'POST',
      path: '/notes',
      headers: [{ name: 'Authorization', value: 'Bearer "quoted"' }, { name: 'X-Note', value: "it's fine" }, { name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      body: 'line one\nline two\tA',
    });
  });

  it('reads what a browser\'s "Copy as cURL" adds: -A, -e, -b, -u, --compressed', () => {
    const parsed = parseCurl(`curl 'http://localhost:3000/me' -A 'Tester/1' -e http://localhost:3000/ -b 'sid=abc; theme=dark' -u ada:secret --compressed -sS`);
    assert.deepEqual(parsed.headers, [
      { name: 'User-Agent', value: 'Tester/1' },
      { name: 'Referer', value: 'http://localhost:3000/' },
      { name: 'Cookie', value: 'sid=abc; theme=dark' },
      { name: 'Authorization', value: `Basic ${Buffer.from('ada:secret').toString('base64')}` },
    ]);
  });

  it('puts -G data in the query, -I makes a HEAD, "Name;" an empty header', () => {
    assert.deepEqual(parseCurl("curl -G -d q=node -d page=2 'localhost/search?lang=en'"), { method: 'GET', path: '/search?lang=en&q=node&page=2', headers: [], body: '' });
    assert.equal(parseCurl('curl -I localhost/').method, 'HEAD');
    assert.deepEqual(parseCurl("curl -H 'X-Empty;' localhost").headers, [{ name: 'X-Empty', value: '' }]);
  });

  it('says what it does not understand', () => {
    refused('', /paste a curl command/);
    refused('wget http://localhost/', /must start with curl/);
    refused('curl -X POST', /has no URL/);
    refused('curl localhost/a localhost/b', /only one URL/);
    refused('curl -F file=@x.png localhost/', /option -F is not supported here: use -X, -H/);
    refused('curl --data-urlencode a=b localhost', /--data-urlencode is not supported/);
    refused('curl -d @body.json localhost', /reading the body from a file \(@body\.json\) is not supported/);
    refused('curl --json @x.json localhost', /from a file/);
    refused("curl 'localhost", /single quote is never closed/);
    refused('curl "localhost', /double quote is never closed/);
    refused('curl localhost/a?x=1&y=2', /"&" is shell syntax.*quote the URL/);
    refused('curl localhost | jq .', /"\|" is shell syntax/);
    refused('curl -H "Authorization: $TOKEN" localhost', /shell substitutions/);
    refused('curl -H $TOKEN localhost', /"\$" is shell syntax/);
    refused('curl -H Accept localhost', /-H "Accept" is not a header: write it as "Name: value"/);
    refused('curl -H "Accept:" localhost', /remove its own Accept header; to send it empty, write "Accept;"/);
    refused('curl -H', /-H needs a value/);
    refused('curl -b cookies.txt localhost', /reads cookies from a file/);
    refused('curl ftp://example.com/file', /only http:\/\/ URLs/);
    refused('curl http://[bad/', /is not a URL/);
    refused("curl --json '{}' -d a=1 localhost", /--json or -d, not both/);
    refused('curl localhost \\', /lone backslash/);
  });
});
