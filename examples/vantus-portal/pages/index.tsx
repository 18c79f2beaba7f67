import Link from "next/link";
import { Layout } from "../components/Layout";

export default function Home() {
  return (
    <Layout title="Vantus">
      <h1>Operations visibility for every site you run</h1>
      <p>Vantus brings inventory, orders and field service into one console.</p>
      <Link href="/products">See the products</Link>
    </Layout>
  );
}
