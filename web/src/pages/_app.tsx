import type { AppProps } from "next/app";
import localFont from "next/font/local";
import Router from "next/router";
import { useEffect } from "react";
import { SessionProvider } from "@/auth/session";
import "@/styles/globals.css";

// Inter from npm (@fontsource-variable/inter), self-hosted by next/font: no request leaves the site.
const inter = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  // "optional": the font is used when it arrives in time (it is preloaded), else the system font
  // stays: text never reflows when the font lands (no layout shift on a slow phone).
  display: "optional",
  variable: "--font-sans",
  weight: "100 900",
});

export default function App({ Component, pageProps }: AppProps) {
  useEffect(() => {
    // public/sw.js: pages loaded once keep working offline (tickets at the door, the scanner).
    if (!("serviceWorker" in navigator) || process.env.NODE_ENV !== "production") {
      return;
    }
    const kept = (event: MessageEvent<{ type?: string }>) => {
      if (event.data?.type === "kept") {
        // Marks the page as saved for offline use (the browser tests wait for it).
        document.documentElement.dataset.offlineReady = "true";
      }
    };
    navigator.serviceWorker.addEventListener("message", kept);
    navigator.serviceWorker
      .register("/sw.js")
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
        registration.active?.postMessage({ type: "keep", urls: [window.location.href, ...loaded] });
      })
      .catch(() => undefined);
    // Pages reached by a link never load their HTML: keep it too, for a reload without a network.
    const moved = () => navigator.serviceWorker.controller?.postMessage({ type: "keep", urls: [window.location.href] });
    Router.events.on("routeChangeComplete", moved);
    return () => {
      navigator.serviceWorker.removeEventListener("message", kept);
      Router.events.off("routeChangeComplete", moved);
    };
  }, []);
  return (
    <div className={`${inter.variable} app`}>
      <SessionProvider>
        <Component {...pageProps} />
      </SessionProvider>
    </div>
  );
}
