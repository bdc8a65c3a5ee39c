import type { AlertLevel } from '../src/db/schema.ts'
import { ALERT_LEVELS } from '../src/domain/alert-levels.ts'
import type { Messages } from '../src/i18n/index.ts'

export interface QuarterCounts extends Record<AlertLevel, number> {
  quarter: string
}

// Fills chosen to stay distinct in greyscale print as well: light to dark as the level rises.
const FILL: Record<AlertLevel, string> = { normal: '#b9d7c4', waspada: '#f2c14e', siaga: '#e07b24', awas: '#8e1b1b' }
const WIDTH = 640
const HEIGHT = 260
const PLOT = { left: 40, right: 10, top: 16, bottom: 40 }

/** Reports per quarter as stacked bars by alert level: server-rendered SVG, no script. */
export function QuarterlyChart({ t, quarters }: { t: Messages; quarters: QuarterCounts[] }) {
  const total = (q: QuarterCounts) => ALERT_LEVELS.reduce((sum, level) => sum + q[level], 0)
  const max = Math.max(1, ...quarters.map(total))
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom
  const slot = (WIDTH - PLOT.left - PLOT.right) / quarters.length
  const y = (value: number) => PLOT.top + plotHeight - (value / max) * plotHeight
  const summary = quarters.map((q) => `${q.quarter}: ${total(q)}`).join(', ')
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 24}`}
        role="img"
        aria-label={`${t.dashboard.quarterly}. ${summary}`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <line x1={PLOT.left} y1={y(0)} x2={WIDTH - PLOT.right} y2={y(0)} stroke="#5b6776" />
        <text x={PLOT.left - 6} y={y(max) + 4} text-anchor="end" font-size="11">
          {max}
        </text>
        <text x={PLOT.left - 6} y={y(0) + 4} text-anchor="end" font-size="11">
          0
        </text>
        {quarters.map((q, i) => {
          const x = PLOT.left + i * slot + slot * 0.15
          let base = 0
          return (
            <g>
              {ALERT_LEVELS.map((level) => {
                const top = base + q[level]
                const rect = q[level] > 0 && (
                  <rect
                    x={x}
                    y={y(top)}
                    width={slot * 0.7}
                    height={y(base) - y(top)}
                    fill={FILL[level]}
                    stroke="#1d2733"
                    stroke-width="0.5"
                  >
                    <title>{`${q.quarter} ${t.alertLevels[level]}: ${q[level]}`}</title>
                  </rect>
                )
                base = top
                return rect
              })}
              <text x={x + slot * 0.35} y={y(total(q)) - 4} text-anchor="middle" font-size="11">
                {total(q)}
              </text>
              <text x={x + slot * 0.35} y={HEIGHT - PLOT.bottom + 16} text-anchor="middle" font-size="11">
                {q.quarter}
              </text>
            </g>
          )
        })}
        {ALERT_LEVELS.map((level, i) => (
          <g>
            <rect x={PLOT.left + i * 130} y={HEIGHT - 8} width="12" height="12" fill={FILL[level]} stroke="#1d2733" stroke-width="0.5" />
            <text x={PLOT.left + i * 130 + 18} y={HEIGHT + 2} font-size="12">
              {t.alertLevels[level]}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  )
}
