// Liveness for operators and load balancers, and the OpenAPI description of everything else.
import { Health } from '../../contract/index.js';
import type { App, RouteContext } from './context.js';

export async function healthRoutes(app: App, { runner, isolation }: RouteContext): Promise<void> {
  app.get('/api/health', { schema: { operationId: 'getHealth', summary: 'Liveness, isolation level and run queue', response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
    isolation,
    runner: runner.load,
  }));

  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
}
