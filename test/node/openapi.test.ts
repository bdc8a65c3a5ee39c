import { compileErrors, validate } from '@readme/openapi-parser'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { openApiDocument, operations } from '../../src/routes/api/description.ts'
import { api } from '../../src/routes/api/index.ts'

/** Every `METHOD /path` Hono mounts under /api/v1, middleware and the catch-all left out. */
function mountedRoutes(): string[] {
  const keys = api.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`)
  return [...new Set(keys)].sort()
}

describe('the OpenAPI description', () => {
  it('lists every route mounted under /api/v1, and nothing that is not mounted', () => {
    expect(mountedRoutes().length).toBeGreaterThan(40)
    expect(Object.keys(operations).sort()).toEqual(mountedRoutes())
  })

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = structuredClone(openApiDocument('https://tigapilar.test'))
    const result = await validate(document as never)
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true)
  })

  it('has an example for every JSON body, and each passes the schema the route validates with', () => {
    for (const [key, operation] of Object.entries(operations)) {
      if (!operation.body) continue
      const parsed = v.safeParse(operation.body.schema, operation.body.example)
      expect(parsed.success, `${key}: ${parsed.issues?.map((i) => i.message).join('; ')}`).toBe(true)
    }
    const withBody = Object.entries(operations).filter(([key]) => /^(POST|PUT|PATCH) /.test(key))
    expect(withBody.filter(([, operation]) => operation.body).length).toBeGreaterThan(20)
  })

  it('describes request bodies with the validating schemas’ own limits', () => {
    const filing = openApiDocument('https://tigapilar.test').paths['/reports']!.post!
    const schema = (filing as { requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } } })
      .requestBody.content['application/json'].schema
    expect(schema.properties.title).toEqual({ type: 'string', minLength: 1, maxLength: 200 })
    expect(schema.properties.alert_level).toMatchObject({ enum: ['normal', 'waspada', 'siaga', 'awas'] })
  })
})
