// "Gunakan lokasi saya": fills latitude and longitude from the phone, says how precise the fix
// is, and warns where it cannot be right. Typing stays possible.
import { say } from './page-data.ts'

// Indonesia's extent with a margin, as the server checks it.
const INDONESIA = { south: -11.5, north: 6.5, west: 94.5, east: 141.5 }
const WORST_ACCURACY_METRES = 1000

export function wireLocateButton(form: HTMLFormElement): void {
  const box = form.querySelector<HTMLElement>('[data-locate]')
  if (!box || !('geolocation' in navigator)) return
  box.hidden = false
  const status = box.querySelector('p')!
  box.querySelector('button')!.addEventListener('click', () => {
    status.textContent = say('locating')
    status.className = 'hint'
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        ;(form.elements.namedItem('latitude') as HTMLInputElement).value = coords.latitude.toFixed(6)
        ;(form.elements.namedItem('longitude') as HTMLInputElement).value = coords.longitude.toFixed(6)
        const outside =
          coords.latitude < INDONESIA.south ||
          coords.latitude > INDONESIA.north ||
          coords.longitude < INDONESIA.west ||
          coords.longitude > INDONESIA.east
        const warning = outside ? say('outsideIndonesia') : coords.accuracy > WORST_ACCURACY_METRES ? say('inaccurate') : ''
        status.textContent = [say('located', { m: Math.round(coords.accuracy) }), warning].filter(Boolean).join(' ')
        status.className = warning ? 'hint warning' : 'hint'
      },
      () => {
        status.textContent = say('locationFailed')
        status.className = 'hint warning'
      },
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 60_000 },
    )
  })
}
