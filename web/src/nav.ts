// The site's navigation: one entry per section, shown to whom it concerns. Pages added later
// (tickets, scanner, payments) add a line here.

export interface NavEntry {
  href: string;
  label: string;
  /** Shown only to signed-in users in one of these groups; [] = any signed-in user; undefined = everyone. */
  groups?: string[];
}

/** Who may organize events. */
export const ORGANIZERS = ["organizer", "admin"];

export const NAV: NavEntry[] = [
  { href: "/", label: "Events" },
  { href: "/orders", label: "My orders", groups: [] },
  { href: "/organizer", label: "Organize", groups: ORGANIZERS },
];
