// A minimal MaxMind DB writer for tests (IPv4 trees, 24-bit records), following the MaxMind DB
// File Format Specification 2.0: search tree, 16 zero bytes, data section, metadata. It lets a
// test build the databases an administrator would install (GeoLite2-City or -ASN shaped) so
// the app's reading of them and the reload on file change are tested with real files and the
// real `maxmind` reader. No npm package writes MMDB; this is small enough to own.

type Value = string | number | boolean | Value[] | { [key: string]: Value };

function control(type: number, size: number): Buffer {
  const extended = type > 7;
  const first = (extended ? 0 : type) << 5;
  const head = size < 29 ? [first | size] : [first | 29, size - 29];
  if (size >= 285) throw new Error("test MMDB values are short");
  return Buffer.from(extended ? [head[0]!, type - 7, ...head.slice(1)] : head);
}

function unsigned(type: number, value: number | bigint): Buffer {
  let hex = BigInt(value).toString(16);
  if (value === 0 || value === 0n) hex = "";
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, "hex");
  return Buffer.concat([control(type, bytes.length), bytes]);
}

function encode(value: Value): Buffer {
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === "boolean") return control(14, value ? 1 : 0);
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) return unsigned(6, value);
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value);
    return Buffer.concat([control(3, 8), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map(encode)]);
  const entries = Object.entries(value);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])]);
}

/** An IPv4 MMDB mapping each CIDR to its record. */
export function writeMmdb(networks: Record<string, Record<string, Value>>, databaseType = "Test"): Buffer {
  const EMPTY = -1;
  const nodes: [number, number][] = [[EMPTY, EMPTY]];
  const leaves: { node: number; side: 0 | 1; data: number }[] = [];
  const data: Buffer[] = [];
  let dataSize = 0;
  for (const [cidr, record] of Object.entries(networks)) {
    const [address = "", length = "32"] = cidr.split("/");
    const bits = address.split(".").reduce((n, o) => (n << 8n) | BigInt(o), 0n);
    let node = 0;
    for (let depth = 0; depth < Number(length); depth++) {
      const side = Number((bits >> BigInt(31 - depth)) & 1n) as 0 | 1;
      if (depth === Number(length) - 1) {
        leaves.push({ node, side, data: dataSize });
        break;
      }
      if (nodes[node]![side] === EMPTY) {
        nodes.push([EMPTY, EMPTY]);
        nodes[node]![side] = nodes.length - 1;
      }
      node = nodes[node]![side];
    }
    const bytes = encode(record);
    data.push(bytes);
    dataSize += bytes.length;
  }
  const count = nodes.length;
  const records = nodes.map(([l, r]) => [l === EMPTY ? count : l, r === EMPTY ? count : r]);
  for (const leaf of leaves) records[leaf.node]![leaf.side] = count + 16 + leaf.data;
  const tree = Buffer.alloc(count * 6);
  records.forEach(([l, r], i) => {
    tree.writeUIntBE(l!, i * 6, 3);
    tree.writeUIntBE(r!, i * 6 + 3, 3);
  });
  const metadata = Buffer.concat([
    control(7, 9),
    encode("binary_format_major_version"), unsigned(5, 2),
    encode("binary_format_minor_version"), unsigned(5, 0),
    encode("build_epoch"), unsigned(9, Math.floor(Date.now() / 1000)),
    encode("database_type"), encode(databaseType),
    encode("description"), encode({ en: "Vigil test database" }),
    encode("ip_version"), unsigned(5, 4),
    encode("languages"), encode(["en"]),
    encode("node_count"), unsigned(6, count),
    encode("record_size"), unsigned(5, 24),
  ]);
  return Buffer.concat([tree, Buffer.alloc(16), ...data, Buffer.from("abcdef4d61784d696e642e636f6d", "hex"), metadata]);
}
