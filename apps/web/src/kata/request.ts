// The Request tab: the learner writes a request (or pastes a curl command line), their code's
// server starts in the jail as for Run, and the raw response comes back: no probes, nothing
// stored. Everything the server sent is shown as text, never as markup; a body that is not UTF-8
// is shown as a hex dump.
import type { LearnerRequest, RequestResult } from '../../../contract';
import { ApiError } from '../api';
import { clear, h } from '../dom';
import { parseCurl } from './curl';
import { outputView } from './results';

export interface RequestPanelOptions {
  /** The code to start; undefined while the editor is still loading. */
  code(): string | undefined;
  send(code: string, request: LearnerRequest): Promise<RequestResult>;
}

const statusLabels: Record<RequestResult['status'], string> = {
  answered: 'Answered',
  cut_off: 'Connection closed',
  crashed: 'Crashed',
  timeout: 'Timed out',
  compile_error: 'Does not compile',
  did_not_listen: 'Did not listen',
  error: 'Platform error',
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
/** Each panel's method list has its own id: a take shows one panel per kata. */
let panels = 0;

/** "Name: value" lines into headers, in order; blank lines are skipped. */
function readHeaders(text: string): LearnerRequest['headers'] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`"${line}" is not a header: write one per line as Name: value`);
      return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    });
}

/** Offset, 16 bytes in hex, and those bytes as ASCII where printable. */
function hexDump(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = [...bytes.subarray(at, at + 16)];
    const hex = row.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

function rawResponse(response: NonNullable<RequestResult['response']>): string {
  const head = [response.statusLine, ...response.headers.map((x) => `${x.name}: ${x.value}`)].join('\n');
  return `${head}\n\n${response.bodyEncoding === 'utf8' ? response.body : hexDump(response.body)}`;
}

function rawRequest(request: LearnerRequest): string {
  return [`${request.method} ${request.path} HTTP/1.1`, ...request.headers.map((x) => `${x.name}: ${x.value}`), '', request.body].join('\n');
}

export function resultView(result: RequestResult): HTMLElement {
  const { response } = result;
  const notes = response
    ? [
        response.bodyEncoding === 'base64' ? `The body is not UTF-8 text: shown as bytes (${response.bodyBytes}).` : null,
        response.truncated ? `Only the first ${Math.round((response.bodyEncoding === 'base64' ? (response.body.length * 3) / 4 : response.body.length) / 1024)} KB of ${response.bodyBytes} bytes are kept.` : null,
      ].filter(Boolean)
    : [];
  return h(
    'div',
    { class: 'request-result', 'data-status': result.status },
    h(
      'div',
      { class: 'verdict' },
      h('span', { class: `badge ${result.status === 'answered' ? 'passed' : result.status}` }, statusLabels[result.status]),
      h('span', { class: 'muted' }, `started in ${result.timings.startMs} ms · request ${result.timings.requestMs} ms · total ${result.timings.totalMs} ms`),
    ),
    h('p', { class: 'verdict-message' }, result.message),
    ...result.diagnostics.map((d) => h('p', { class: 'error-text' }, `Line ${d.line}:${d.column} — ${d.message}`)),
    response ? h('h4', {}, 'Response') : null,
    // A region of its own: long answers scroll, so the keyboard must reach it too.
    response ? h('pre', { class: 'raw-response', role: 'region', 'aria-label': 'Raw response', tabindex: 0 }, rawResponse(response)) : null,
    ...notes.map((note) => h('p', { class: 'muted' }, note)),
    h('details', { class: 'sent' }, h('summary', {}, 'Request sent'), h('pre', { class: 'raw-request', role: 'region', 'aria-label': 'Raw request', tabindex: 0 }, rawRequest(result.request))),
    outputView(result),
  );
}

export function requestPanel(options: RequestPanelOptions): HTMLElement {
  const listId = `request-methods-${++panels}`;
  const methods = h('datalist', { id: listId }, ...METHODS.map((m) => h('option', { value: m })));
  const method = h('input', { name: 'method', value: 'GET', list: listId, size: 8, required: true, spellcheck: 'false', autocomplete: 'off' });
  const path = h('input', { name: 'path', value: '/', required: true, spellcheck: 'false', autocomplete: 'off' });
  const headers = h('textarea', { name: 'headers', rows: 3, spellcheck: 'false', placeholder: 'Content-Type: application/json' });
  const body = h('textarea', { name: 'body', rows: 4, spellcheck: 'false' });
  const curl = h('textarea', { name: 'curl', rows: 1, spellcheck: 'false', placeholder: "curl -X POST http://localhost:3000/items -H 'Content-Type: application/json' -d '{\"name\":\"x\"}'" });
  const curlMessage = h('p', { class: 'curl-message', role: 'status' });
  const sendButton = h('button', { type: 'submit', class: 'primary', title: 'Send the request (Ctrl/Cmd+Enter)' }, 'Send');
  const output = h('div', { class: 'request-output', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Your code starts as for Run, gets this one request and nothing else, and its raw response shows here.'));

  const useCurl = () => {
    try {
      const parsed = parseCurl(curl.value);
      method.value = parsed.method;
      path.value = parsed.path;
      headers.value = parsed.headers.map((x) => `${x.name}: ${x.value}`).join('\n');
      body.value = parsed.body;
      curlMessage.className = 'curl-message muted';
      curlMessage.textContent = 'Filled in from the curl command (its host is not used: the request goes to your server).';
    } catch (err) {
      curlMessage.className = 'curl-message error-text';
      curlMessage.textContent = `Could not read the curl command: ${(err as Error).message}.`;
    }
  };
  // A paste lands in the field after the event: read it once it has.
  curl.addEventListener('paste', () => setTimeout(useCurl));

  const send = async (event: Event) => {
    event.preventDefault();
    if (sendButton.disabled) return;
    let request: LearnerRequest;
    try {
      request = { method: method.value.trim(), path: path.value.trim(), headers: readHeaders(headers.value), body: body.value };
    } catch (err) {
      clear(output, h('p', { class: 'error-text', role: 'alert' }, (err as Error).message));
      return;
    }
    const code = options.code();
    if (code === undefined) return;
    sendButton.disabled = true;
    sendButton.setAttribute('aria-busy', 'true');
    clear(output, h('div', { class: 'running', role: 'status' }, h('span', { class: 'spinner' }), 'Starting your server and sending the request…'));
    try {
      clear(output, resultView(await options.send(code, request)));
      output.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      const text = err instanceof ApiError && err.status !== 0 ? err.message : `The request was not sent: ${(err as Error).message}`;
      clear(output, h('p', { class: 'error-text', role: 'alert' }, text));
    } finally {
      sendButton.disabled = false;
      sendButton.setAttribute('aria-busy', 'false');
    }
  };

  // In the form, Ctrl/Cmd+Enter sends; the page's own shortcut (Run) then leaves the key alone.
  const shortcut = (event: Event) => {
    const key = event as KeyboardEvent;
    if (key.key !== 'Enter' || !(key.ctrlKey || key.metaKey) || key.shiftKey) return;
    key.preventDefault();
    (key.currentTarget as HTMLFormElement).requestSubmit();
  };
  const field = (label: string, control: HTMLElement) => h('label', { class: 'request-field' }, h('span', {}, label), control);
  return h(
    'div',
    { class: 'request-panel' },
    h(
      'form',
      { class: 'request-form', 'aria-label': 'Your request', onsubmit: (e: Event) => void send(e), onkeydown: shortcut },
      h('div', { class: 'request-curl' }, field('Paste curl', curl), h('button', { type: 'button', onclick: useCurl }, 'Fill in from curl')),
      curlMessage,
      h('div', { class: 'request-line' }, field('Method', method), field('Path', path), sendButton),
      methods,
      h('div', { class: 'request-parts' }, field('Headers, one per line', headers), field('Body', body)),
    ),
    output,
  );
}
