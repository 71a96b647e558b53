// A pasted curl command line, read into the request form: the method, the URL's path and query,
// the headers in order and the body. Only what such a request needs is understood; anything else
// is named in a clear error rather than quietly dropped. (No imports: its tests run it in Node.)

export interface ParsedRequest {
  method: string;
  path: string;
  headers: Array<{ name: string; value: string }>;
  body: string;
}

export class CurlError extends Error {}

const SUPPORTED = 'use -X, -H, -d, --data-raw, --data-binary, --json, -G, -I, -A, -e, -b or -u';

/** Flags that change only how curl shows or fetches the answer, not the request itself. */
const IGNORED = new Set(['-i', '--include', '-v', '--verbose', '-s', '--silent', '-S', '--show-error', '-L', '--location', '--compressed', '-k', '--insecure', '--http1.1', '-f', '--fail', '--no-progress-meter', '-#', '--progress-bar']);
const IGNORED_SHORT = new Set(['i', 'v', 's', 'S', 'L', 'k', 'f', '#']);

/** Options that take a value, by every name they go by. */
const WITH_VALUE: Record<string, string> = {
  '-X': 'request', '--request': 'request',
  '-H': 'header', '--header': 'header',
  '-d': 'data', '--data': 'data', '--data-ascii': 'data', '--data-raw': 'data-raw', '--data-binary': 'data',
  '--json': 'json', '--url': 'url',
  '-A': 'user-agent', '--user-agent': 'user-agent', '-e': 'referer', '--referer': 'referer',
  '-b': 'cookie', '--cookie': 'cookie', '-u': 'user', '--user': 'user',
};

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '0': '\0' };

/** Splits a command line as a POSIX shell would: quotes, backslashes, and backslash-newline continuations. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const add = (text: string) => (word = (word ?? '') + text);
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      const next = line[i + 1];
      if (next === undefined) throw new CurlError('the command ends with a lone backslash');
      i++;
      if (next === '\n') continue;
      if (next === '\r' && line[i + 1] === '\n') {
        i++;
        continue;
      }
      add(next);
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new CurlError('a single quote is never closed');
      add(line.slice(i + 1, end));
      i = end;
    } else if (c === '$' && line[i + 1] === "'") {
      // Bash's $'…', which browsers' "Copy as cURL" uses for text with line breaks.
      let text = '';
      for (i += 2; line[i] !== "'"; i++) {
        if (i >= line.length) throw new CurlError("a $'…' quote is never closed");
        if (line[i] !== '\\') {
          text += line[i];
          continue;
        }
        const e = line[++i]!;
        if (e === 'x' || e === 'u') {
          const hex = /^[0-9a-fA-F]+/.exec(line.slice(i + 1, i + 1 + (e === 'x' ? 2 : 4)))?.[0];
          if (!hex) throw new CurlError(`\\${e} in a $'…' quote needs hex digits`);
          text += String.fromCodePoint(parseInt(hex, 16));
          i += hex.length;
        } else text += ANSI_C[e] ?? `\\${e}`;
      }
      add(text);
    } else if (c === '"') {
      let text = '';
      for (i++; line[i] !== '"'; i++) {
        if (i >= line.length) throw new CurlError('a double quote is never closed');
        const d = line[i]!;
        if (d === '\\' && ['"', '\\', '$', '`', '\n'].includes(line[i + 1] ?? '')) {
          if (line[++i] !== '\n') text += line[i];
        } else if (d === '$' || d === '`') {
          throw new CurlError(`shell substitutions (${d}…) are not supported: paste the text itself`);
        } else text += d;
      }
      add(text);
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (word !== null) words.push(word);
      word = null;
    } else if ('|&;<>()`'.includes(c) || (c === '$' && /[A-Za-z_{(]/.test(line[i + 1] ?? ''))) {
      throw new CurlError(`"${c}" is shell syntax (a pipe, a redirect, a variable…), not part of one curl command: quote the URL if it holds it, and paste one curl command alone`);
    } else add(c);
  }
  if (word !== null) words.push(word);
  return words;
}

function header(text: string): { name: string; value: string } {
  const colon = text.indexOf(':');
  // curl's "Name;" sends the header with an empty value.
  if (colon < 0 && text.endsWith(';')) return { name: text.slice(0, -1).trim(), value: '' };
  if (colon < 0) throw new CurlError(`-H "${text}" is not a header: write it as "Name: value"`);
  const name = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).trim();
  if (value === '') throw new CurlError(`-H "${text}" would make curl remove its own ${name} header; to send it empty, write "${name};"`);
  return { name, value };
}

function fromFile(value: string, option: string): string {
  if (option !== 'data-raw' && value.startsWith('@')) throw new CurlError(`reading the body from a file (${value}) is not supported: paste the body itself`);
  return value;
}

/** The request a curl command line would send, for the learner's own server (the URL's host is not used). */
export function parseCurl(line: string): ParsedRequest {
  const words = shellWords(line.trim().replace(/^\$\s+/, ''));
  if (words[0] !== 'curl') throw new CurlError(words.length === 0 ? 'paste a curl command' : 'the command must start with curl');
  let method: string | undefined;
  let url: string | undefined;
  let get = false;
  let head = false;
  const headers: ParsedRequest['headers'] = [];
  const data: string[] = [];
  let json: string | undefined;
  const setUrl = (value: string) => {
    if (url !== undefined) throw new CurlError('only one URL can be sent at a time');
    url = value;
  };
  for (let i = 1; i < words.length; i++) {
    let word = words[i]!;
    let attached: string | undefined;
    // -XPOST, -HAccept:…, --request=PUT: a value joined to its option.
    if (/^-[A-Za-z]./.test(word) && WITH_VALUE[word.slice(0, 2)]) [word, attached] = [word.slice(0, 2), word.slice(2)];
    else if (word.startsWith('--') && word.includes('=') && WITH_VALUE[word.slice(0, word.indexOf('='))]) [word, attached] = [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)];
    const option = WITH_VALUE[word];
    if (option) {
      const value = attached ?? words[++i];
      if (value === undefined) throw new CurlError(`${word} needs a value after it`);
      switch (option) {
        case 'request': method = value; break;
        case 'header': headers.push(header(value)); break;
        case 'data': data.push(fromFile(value, option)); break;
        case 'data-raw': data.push(value); break;
        case 'json': json = (json ?? '') + fromFile(value, option); break;
        case 'url': setUrl(value); break;
        case 'user-agent': headers.push({ name: 'User-Agent', value }); break;
        case 'referer': headers.push({ name: 'Referer', value }); break;
        case 'cookie':
          if (!value.includes('=')) throw new CurlError(`-b ${value} reads cookies from a file, which is not supported: write them as "name=value"`);
          headers.push({ name: 'Cookie', value });
          break;
        case 'user': headers.push({ name: 'Authorization', value: `Basic ${btoa(value)}` }); break;
      }
    } else if (word === '-G' || word === '--get') get = true;
    else if (word === '-I' || word === '--head') head = true;
    else if (IGNORED.has(word) || (/^-[A-Za-z#]+$/.test(word) && [...word.slice(1)].every((f) => IGNORED_SHORT.has(f)))) continue;
    else if (word.startsWith('-') && word.length > 1) throw new CurlError(`the curl option ${word} is not supported here: ${SUPPORTED}`);
    else setUrl(word);
  }
  if (url === undefined) throw new CurlError('the command has no URL');
  if (json !== undefined && data.length > 0) throw new CurlError('give --json or -d, not both');
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
  } catch {
    throw new CurlError(`"${url}" is not a URL`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new CurlError(`only http:// URLs can be sent, not ${parsed.protocol}//`);
  const has = (name: string) => headers.some((h) => h.name.toLowerCase() === name);
  let body = json ?? data.join('&');
  if (get && data.length > 0) {
    parsed.search = parsed.search ? `${parsed.search}&${body}` : `?${body}`;
    body = '';
  } else if (json !== undefined) {
    if (!has('content-type')) headers.push({ name: 'Content-Type', value: 'application/json' });
    if (!has('accept')) headers.push({ name: 'Accept', value: 'application/json' });
  } else if (data.length > 0 && !has('content-type')) {
    headers.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded' });
  }
  const sendsBody = !get && (json !== undefined || data.length > 0);
  return { method: method ?? (head ? 'HEAD' : sendsBody ? 'POST' : 'GET'), path: parsed.pathname + parsed.search, headers, body };
}
