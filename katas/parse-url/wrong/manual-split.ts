// @fails: decoding
// @fails: pathname-parsed
// @why: it splits req.url by hand and never decodes the query, so '+' stays a plus and %20, %C3%A9, %26 … stay escaped, and ./ ../ stay in the path.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const [pathname, search = ''] = (req.url ?? '/').split('?');
  const pairs = search
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const [key, value = ''] = part.split('=');
      return [key, value];
    });
  const first = (name: string): string | null => pairs.find(([key]) => key === name)?.[1] ?? null;
  const allParams: Record<string, string> = {};
  for (const [key, value] of pairs) allParams[key] = value;

  res.writeHead(200, { 'Content-Type': 'application/json' });
  const tags = pairs.filter(([key]) => key === 'tag').map(([, value]) => value);
  res.end(JSON.stringify({ pathname, query: first('q'), limit: first('limit'), tags, allParams }));
});

server.listen(Number(process.env.PORT) || 3000);
