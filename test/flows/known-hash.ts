/**
 * A password hash made once with Node's scrypt. Both test projects verify it, which proves
 * the stored format is the same on Node and on Workers.
 */
export const KNOWN_PASSWORD = 'Rakor-Triwulan-2026'
export const KNOWN_HASH = '$scrypt$ln=14,r=8,p=5$x6cJVYFxMuUzCGGwv45acQ$rhE-jEpy5Zl1yBcUhWgonL5yY4f2csqqta5OejnfnY4'
