// @fails: pathname-parsed
// @fails: stray-percent
// @why: it splits req.url by hand and decodes with decodeURIComponent, which throws a URIError on a % without two hex digits after it, and the throw ends the process.
import http from 'node:http';

const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));

const server = http.createServer((req, res) => {
  const [pathname = '/', search = ''] = (req.url ?? '/').split('?');
  const pairs: Array<[string, string]> = [];
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq === -1 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  const first = (name: string) => pairs.find(([key]) => key === name)?.[1] ?? null;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      pathname,
      query: first('q'),
      limit: first('limit'),
      tags: pairs.filter(([key]) => key === 'tag').map(([, value]) => value),
      allParams: Object.fromEntries(pairs),
    }),
  );
});

server.listen(Number(process.env.PORT) || 3000);
