import type { AppProps } from "next/app";
import localFont from "next/font/local";
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
  return (
    <div className={`${inter.variable} app`}>
      <SessionProvider>
        <Component {...pageProps} />
      </SessionProvider>
    </div>
  );
}
