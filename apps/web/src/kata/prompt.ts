// The kata's prompt: Markdown to HTML, then sanitised, since prompts may one day come from
// interviewers rather than from this repository.
import DOMPurify from 'dompurify';
import { marked } from 'marked';

export function renderPrompt(markdown: string): DocumentFragment {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true });
}
