import { Hono } from 'hono'
import { type ApiDocsOperation, ApiDocsPage } from '../../templates/api-docs-page.tsx'
import type { AppEnv } from '../http/env.ts'
import { openApiDocument } from './api/description.ts'

/** The reference page at `/api/docs`: the OpenAPI description, readable, under the app's CSP. */
export const apiDocsRoutes = new Hono<AppEnv>().get('/api/docs', (c) => {
  const document = openApiDocument(c.var.deps.publicUrl)
  const groups = new Map<string, ApiDocsOperation[]>()
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const body = 'requestBody' in operation ? operation.requestBody?.content['application/json'] : undefined
      const tag = operation.tags[0]!
      groups.set(tag, [
        ...(groups.get(tag) ?? []),
        {
          method: method.toUpperCase(),
          path,
          summary: operation.summary,
          signedIn: !('security' in operation),
          parameters: operation.parameters.map((p) => ({
            name: p.name,
            in: p.in,
            required: p.required,
            type: p.schema.enum ? p.schema.enum.join(' | ') : (p.schema.type ?? 'string'),
          })),
          ...(body ? { body: { schema: JSON.stringify(body.schema, null, 2), example: JSON.stringify(body.example, null, 2) } } : {}),
          responses: Object.entries(operation.responses).map(([status, r]) => ({ status, description: r.description })),
        },
      ])
    }
  }
  return c.html(
    <ApiDocsPage
      title={document.info.title}
      description={document.info.description}
      serverUrl={document.servers[0]!.url}
      groups={[...groups].map(([tag, operations]) => ({ tag, operations }))}
    />,
  )
})
