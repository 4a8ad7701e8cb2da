import Link from "next/link";
import { Layout } from "@/components/Layout";

export default function NotFound() {
  return (
    <Layout title="Page not found">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link href="/">See upcoming events</Link>.
      </p>
    </Layout>
  );
}
