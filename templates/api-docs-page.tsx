import { raw } from 'hono/html'

export interface ApiDocsOperation {
  method: string
  path: string
  summary: string
  signedIn: boolean
  parameters: { name: string; in: string; required: boolean; type: string }[]
  /** Pretty-printed JSON of the request body's schema and example. */
  body?: { schema: string; example: string }
  responses: { status: string; description: string }[]
}

export interface ApiDocsProps {
  title: string
  description: string
  serverUrl: string
  groups: { tag: string; operations: ApiDocsOperation[] }[]
}

/** Text whose `backticked` parts (OpenAPI descriptions are CommonMark) show as code. */
function Described({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>
}

/** A readable reference of the OpenAPI description: plain HTML, no script (the app's CSP allows none). */
export function ApiDocsPage({ title, description, serverUrl, groups }: ApiDocsProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <link rel="stylesheet" href="/assets/app.css" />
        </head>
        <body>
          <main class="api-docs">
            <h1>{title}</h1>
            <p>{description}</p>
            <p>
              Base URL <code>{serverUrl}</code> · machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1)
            </p>
            <nav>
              {groups.map((group) => (
                <a href={`#${group.tag.replace(/\W+/g, '-')}`}>{group.tag}</a>
              ))}
            </nav>
            {groups.map((group) => (
              <section id={group.tag.replace(/\W+/g, '-')}>
                <h2>{group.tag}</h2>
                {group.operations.map((operation) => (
                  <article class="card">
                    <h3>
                      <code>
                        {operation.method} {operation.path}
                      </code>
                    </h3>
                    <p>
                      <Described text={operation.summary} />
                      {operation.signedIn ? ' · bearer token' : ' · public'}
                    </p>
                    {operation.parameters.length > 0 && (
                      <ul>
                        {operation.parameters.map((p) => (
                          <li>
                            <code>{p.name}</code> ({p.in}, {p.type}
                            {p.required ? ', required' : ''})
                          </li>
                        ))}
                      </ul>
                    )}
                    {operation.body && (
                      <details>
                        <summary>JSON body: schema and example</summary>
                        <pre>{operation.body.schema}</pre>
                        <pre>{operation.body.example}</pre>
                      </details>
                    )}
                    <ul>
                      {operation.responses.map((r) => (
                        <li>
                          <strong>{r.status}</strong> <Described text={r.description} />
                        </li>
                      ))}
                    </ul>
                  </article>
                ))}
              </section>
            ))}
          </main>
        </body>
      </html>
    </>
  )
}
