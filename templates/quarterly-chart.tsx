import type { AlertLevel } from '../src/db/schema.ts'
import { ALERT_LEVELS } from '../src/domain/alert-levels.ts'
import type { Messages } from '../src/i18n/index.ts'
import { quarterName } from './format.ts'

export interface QuarterCounts extends Record<AlertLevel, number> {
  quarter: string
}

// Fills chosen to stay distinct in greyscale print as well: light to dark as the level rises.
const FILL: Record<AlertLevel, string> = { normal: '#b9d7c4', waspada: '#f2c14e', siaga: '#e07b24', awas: '#8e1b1b' }
// Drawn small so its text stays readable when a phone scales it down to ~320 px (13 units ≈ 11 px).
const WIDTH = 380
const HEIGHT = 220
const PLOT = { left: 34, right: 4, top: 18, bottom: 40 }
const FONT = 13

/** Reports per quarter as stacked bars by alert level: server-rendered SVG, no script. */
export function QuarterlyChart({ t, quarters }: { t: Messages; quarters: QuarterCounts[] }) {
  const total = (q: QuarterCounts) => ALERT_LEVELS.reduce((sum, level) => sum + q[level], 0)
  const max = Math.max(1, ...quarters.map(total))
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom
  const slot = (WIDTH - PLOT.left - PLOT.right) / quarters.length
  const y = (value: number) => PLOT.top + plotHeight - (value / max) * plotHeight
  // "2026-Q4" from the dashboard becomes "TW IV" over "2026" (and "Triwulan IV 2026" for screen readers).
  const parts = (q: QuarterCounts) => {
    const [year = '', quarter = ''] = q.quarter.split('-Q')
    return { year, quarter: Number(quarter) }
  }
  const spoken = (q: QuarterCounts) => quarterName(t, parts(q).quarter, Number(parts(q).year))
  const summary = quarters.map((q) => `${spoken(q)}: ${total(q)}`).join(', ')
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${t.dashboard.quarterly}. ${summary}`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <line x1={PLOT.left} y1={y(0)} x2={WIDTH - PLOT.right} y2={y(0)} stroke="#5b6776" />
        <text x={PLOT.left - 6} y={y(max) + 4} text-anchor="end" font-size={FONT}>
          {max}
        </text>
        <text x={PLOT.left - 6} y={y(0) + 4} text-anchor="end" font-size={FONT}>
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
                    <title>{`${spoken(q)} ${t.alertLevels[level]}: ${q[level]}`}</title>
                  </rect>
                )
                base = top
                return rect
              })}
              <text x={x + slot * 0.35} y={y(total(q)) - 4} text-anchor="middle" font-size={FONT}>
                {total(q)}
              </text>
              <text x={x + slot * 0.35} y={HEIGHT - PLOT.bottom + 16} text-anchor="middle" font-size={FONT}>
                {t.quarters.short(parts(q).quarter)}
              </text>
              <text x={x + slot * 0.35} y={HEIGHT - PLOT.bottom + 32} text-anchor="middle" font-size={FONT} fill="#5b6776">
                {parts(q).year}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption class="legend">
        {ALERT_LEVELS.map((level) => (
          <span>
            <svg width="12" height="12" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">
              <rect x="0.5" y="0.5" width="11" height="11" fill={FILL[level]} stroke="#1d2733" />
            </svg>
            {t.alertLevels[level]}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
