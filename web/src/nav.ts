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

/** Who may scan tickets at a door (staff of the event, its organizer, admins: the API decides per event). */
export const DOOR = ["staff", "organizer", "admin"];

export const NAV: NavEntry[] = [
  { href: "/", label: "Events" },
  { href: "/tickets", label: "My tickets", groups: [] },
  { href: "/orders", label: "My orders", groups: [] },
  { href: "/waiting-list", label: "Waiting lists", groups: [] },
  { href: "/settings", label: "Notifications", groups: [] },
  { href: "/scanner", label: "Door", groups: DOOR },
  { href: "/organizer", label: "Organize", groups: ORGANIZERS },
];
