// Where the app finds the platform: /config.json, written next to the pages at deploy time
// (tools/deploy-web.sh from the stack's outputs), served by DevHost locally, and by
// `npm run dev` from DevHost's /local/web-config. One build serves every stage.

export interface WebConfig {
  /** The HTTP API's base URL, without a trailing slash. */
  apiUrl: string;
  cognito: {
    /** Cognito's JSON API endpoint: https://cognito-idp.<region>.amazonaws.com/ in AWS, cognito-local locally. */
    endpoint: string;
    /** The user pool's app client (no secret; USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH allowed). */
    clientId: string;
  };
}

let loading: Promise<WebConfig> | undefined;

function isConfig(value: unknown): value is WebConfig {
  const v = value as Partial<WebConfig> | null;
  return (
    typeof v?.apiUrl === "string" &&
    typeof v.cognito?.endpoint === "string" &&
    typeof v.cognito.clientId === "string"
  );
}

export function loadConfig(): Promise<WebConfig> {
  loading ??= fetch("/config.json", { cache: "no-cache" })
    .then(async (response) => {
      if (!response.ok) {
        throw new Error(`/config.json answered ${response.status}: the deploy writes it (docs/web.md).`);
      }
      const body: unknown = await response.json();
      if (!isConfig(body)) {
        throw new Error("/config.json lacks apiUrl, cognito.endpoint or cognito.clientId.");
      }
      return { ...body, apiUrl: body.apiUrl.replace(/\/+$/, "") };
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
