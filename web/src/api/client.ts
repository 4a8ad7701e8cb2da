// The platform's API, typed from openapi.json (src/api/schema.d.ts is generated on every build
// and dev run: `npm run api-types`). Every call carries the signed-in user's access token.

import createClient, { type Client, type Middleware } from "openapi-fetch";
import { accessToken } from "@/auth/session";
import { loadConfig } from "@/lib/config";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type EventResponse = Schemas["EventResponse"];
export type TicketTypeResponse = Schemas["TicketTypeResponse"];
export type HoldResponse = Schemas["HoldResponse"];
export type OrderResponse = Schemas["OrderResponse"];
export type Problem = Schemas["HttpValidationProblemDetails"];

const authorize: Middleware = {
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) {
      request.headers.set("Authorization", `Bearer ${token}`);
    }
    return request;
  },
};

let client: Client<paths> | undefined;

/** The API client, once /config.json has said where the API is. */
export async function api(): Promise<Client<paths>> {
  if (!client) {
    const config = await loadConfig();
    client = createClient<paths>({ baseUrl: config.apiUrl });
    client.use(authorize);
  }
  return client;
}
