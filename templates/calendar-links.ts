/** Subscription links for a feed URL (`https://…/x.ics`), one per calendar family. */
export function subscribeLinks(feedUrl: string, name: string) {
  const webcal = feedUrl.replace(/^https?:/, 'webcal:')
  return {
    // Apple Calendar and Thunderbird open webcal:// as a subscription.
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&name=${encodeURIComponent(name)}`,
  }
}

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '')

/** One-off "add to calendar" links for a single meeting (UTC instants, no account needed). */
export function addEventLinks(event: { title: string; startsAt: string; endsAt: string; venue: string; details: string; zone: string }) {
  const google = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${compact(event.startsAt)}/${compact(event.endsAt)}`,
    details: event.details,
    location: event.venue,
    ctz: event.zone,
  })
  const outlook = new URLSearchParams({
    subject: event.title,
    startdt: event.startsAt,
    enddt: event.endsAt,
    location: event.venue,
    body: event.details,
    path: '/calendar/action/compose',
    rru: 'addevent',
  })
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}`,
  }
}
