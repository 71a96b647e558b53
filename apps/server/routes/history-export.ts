// The learner's whole history as one JSON file, no account needed: every submission of every kata
// (its code, and its verdict as the learner sees it) and every draft. Only the learner the cookie
// names is read. An export reads up to the whole storage quota, hence its own, small allowance.
import { HistoryExport } from '../../contract/index.js';
import { learnerSubmission } from '../views.js';
import { errorResponses, rateLimited, type App, type RouteContext } from './context.js';

export async function historyExportRoutes(app: App, { store, rateLimits }: RouteContext): Promise<void> {
  app.get('/api/history/export', {
    ...rateLimited(rateLimits.export),
    schema: {
      operationId: 'exportHistory',
      summary: "Download everything the learner has stored: every submission of every kata, and every draft, as JSON",
      response: { 200: HistoryExport, ...errorResponses(429) },
    },
  }, async (request, reply) => {
    const { submissions, drafts } = await store.learnerHistory(request.learner);
    const exportedAt = new Date().toISOString();
    reply.header('content-disposition', `attachment; filename="katabox-history-${exportedAt.slice(0, 10)}.json"`);
    return { format: 'katabox-history' as const, version: 1 as const, exportedAt, submissions: submissions.map(learnerSubmission), drafts };
  });
}
