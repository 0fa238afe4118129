import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, parseTrustedProxies, PEER_HEADER, resolveClientAddress } from "@/lib/security/client-address";

const none = parseTrustedProxies("");
const isIp = (a: string | null) => a !== null && net.isIP(a) !== 0;

describe("client address (pure: peer + X-Forwarded-For + trusted proxies)", () => {
  it("is the TCP peer, and a client-sent X-Forwarded-For is ignored when no proxy is trusted", () => {
    expect(resolveClientAddress("198.51.100.7", null, none)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", "203.0.113.77", none)).toBe("198.51.100.7");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.77, 10.0.0.1", none)).toBe("127.0.0.1");
  });

  it("ignores the header when the peer is not one of the trusted proxies", () => {
    const trust = parseTrustedProxies("10.0.0.1");
    expect(resolveClientAddress("198.51.100.7", "203.0.113.77", trust)).toBe("198.51.100.7");
  });

  it("believes the hop a trusted proxy added, and only that one", () => {
    const trust = parseTrustedProxies("10.0.0.1");
    // the client forged the left entry; the proxy appended the address it saw on the right
    expect(resolveClientAddress("10.0.0.1", "203.0.113.77, 198.51.100.7", trust)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.1", "198.51.100.7", trust)).toBe("198.51.100.7");
  });

  it("walks several trusted proxies right to left and stops at the first untrusted hop", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 192.168.1.5");
    expect(resolveClientAddress("10.1.2.3", "203.0.113.77, 198.51.100.7, 192.168.1.5, 10.9.9.9", trust)).toBe("198.51.100.7");
    // every hop trusted: the leftmost is the client
    expect(resolveClientAddress("10.1.2.3", "10.4.4.4, 10.5.5.5", trust)).toBe("10.4.4.4");
  });

  it("accepts proxy-addr's range names and IPv6 CIDRs", () => {
    expect(resolveClientAddress("127.0.0.1", "198.51.100.7", parseTrustedProxies("loopback"))).toBe("198.51.100.7");
    expect(resolveClientAddress("fd00::1", "2001:db8::5", parseTrustedProxies("fd00::/8"))).toBe("2001:db8::5");
  });

  it("normalises IPv4-mapped IPv6, on the peer and on forwarded hops", () => {
    expect(resolveClientAddress("::ffff:127.0.0.1", null, none)).toBe("127.0.0.1");
    expect(resolveClientAddress("::ffff:10.0.0.1", "::ffff:198.51.100.7", parseTrustedProxies("10.0.0.1"))).toBe("198.51.100.7");
    expect(normaliseAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
  });

  it("always answers an IP address: garbage in the header stops the walk at the proxy before it", () => {
    const trust = parseTrustedProxies("10.0.0.1");
    for (const fwd of ["not-an-ip", "203.0.113.77:443", "<script>", "127.1", "", " , ,", "1.2.3.4.5"]) {
      const a = resolveClientAddress("10.0.0.1", fwd, trust);
      expect(isIp(a), fwd).toBe(true);
      expect(a).toBe("10.0.0.1");
    }
    expect(resolveClientAddress("10.0.0.1", "198.51.100.7, junk", trust)).toBe("10.0.0.1");
  });

  it("is null when the peer is unknown (not served by the app's HTTP server), whatever the header says", () => {
    expect(resolveClientAddress(null, "203.0.113.77", parseTrustedProxies("0.0.0.0/1, 128.0.0.0/1"))).toBeNull();
    expect(resolveClientAddress("", "203.0.113.77", none)).toBeNull();
    expect(resolveClientAddress("garbage", null, none)).toBeNull();
  });

  it("refuses a malformed OMNI_TRUSTED_PROXIES entry, naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.1, proxy.internal")).toThrow(/OMNI_TRUSTED_PROXIES.*proxy\.internal/);
    expect(() => parseTrustedProxies("10.0.0.0/40")).toThrow(/OMNI_TRUSTED_PROXIES/);
  });
});

describe("clientAddress(headers) reads the peer header and OMNI_TRUSTED_PROXIES", () => {
  afterEach(() => {
    delete process.env.OMNI_TRUSTED_PROXIES;
  });

  it("from Headers and from next-auth's plain header object", () => {
    const forged = { [PEER_HEADER]: "::ffff:127.0.0.1", "x-forwarded-for": "203.0.113.77" };
    expect(clientAddress(new Headers(forged))).toBe("127.0.0.1");
    expect(clientAddress(forged)).toBe("127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.77" })).toBeNull();
    expect(clientAddress(undefined)).toBeNull();
  });

  it("follows the environment when it changes", () => {
    const h = new Headers({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.77" });
    expect(clientAddress(h)).toBe("127.0.0.1");
    process.env.OMNI_TRUSTED_PROXIES = "127.0.0.1";
    expect(clientAddress(h)).toBe("203.0.113.77");
  });
});
