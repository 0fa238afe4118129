// Password sign-in as next-auth's authorize runs it (lib/auth/password-sign-in.ts), on a real
// database: the address comes from the app server's peer header, never from a client-sent
// X-Forwarded-For (unless the peer is a trusted proxy); accounts lock with one audit event.
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { createUser } from "@/lib/users/create-user";
import { INVALID_CREDENTIALS, passwordSignIn } from "@/lib/auth/password-sign-in";
import { PEER_HEADER } from "@/lib/security/client-address";

const PASSWORD = "right-Passw0rd!";
const uniq = () => Math.random().toString(36).slice(2, 8);
let n = 0;
/** A client address no other attempt in this run used. */
const fresh = () => `172.16.${Math.floor(n / 250)}.${(n++ % 250) + 1}`;

async function newUser() {
  const email = `throttle-${uniq()}@example.test`;
  const user = await createUser(systemPrincipal("test"), { email, password: PASSWORD, role: "admin" });
  return { email, id: user.id };
}

/** What next-auth hands authorize: a plain header object. */
const headers = (peer: string, forwardedFor?: string) => ({
  [PEER_HEADER]: peer,
  "user-agent": "vitest",
  ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
});

async function attempt(email: string, password: string, h: Record<string, string>): Promise<string> {
  try {
    await passwordSignIn({ email, password }, h);
    return "ok";
  } catch (e) {
    return (e as Error).message;
  }
}

afterEach(() => {
  delete process.env.OMNI_TRUSTED_PROXIES;
});

describe("password sign-in throttling", () => {
  it("ten wrong passwords, each with another X-Forwarded-For, are throttled by the real address", async () => {
    const { email } = await newUser();
    const peer = fresh();
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) answers.push(await attempt(email, "wrong", headers(peer, `203.0.113.${i + 1}`)));
    expect(answers.slice(0, 6)).toEqual(Array(6).fill(INVALID_CREDENTIALS));
    for (const a of answers.slice(6)) expect(a).toMatch(/^Too many failed sign-in attempts from your address\. Try again in [12] seconds?\.$/);
    // the right password from that address is refused too, until the wait is over
    expect(await attempt(email, PASSWORD, headers(peer))).toMatch(/from your address/);
    expect(await attempt(email, PASSWORD, headers(fresh(), "203.0.113.99"))).toBe("ok"); // another address
  });

  it("the stated wait is whole seconds and really over then", async () => {
    const peer = fresh();
    for (let i = 0; i < 6; i++) await attempt(`nobody-${uniq()}@example.test`, "wrong", headers(peer));
    const message = await attempt(`nobody-${uniq()}@example.test`, "wrong", headers(peer));
    const m = /Try again in (\d+) (second|seconds)\.$/.exec(message);
    expect(m, message).not.toBeNull();
    const seconds = Number(m![1]);
    expect(m![2]).toBe(seconds === 1 ? "second" : "seconds");
    await new Promise((r) => setTimeout(r, seconds * 1000));
    expect(await attempt(`nobody-${uniq()}@example.test`, "wrong", headers(peer))).toBe(INVALID_CREDENTIALS);
  });

  it("an account failing from many addresses locks, with one user.lockout audit event and no password", async () => {
    const { email, id } = await newUser();
    for (let i = 0; i < 11; i++) {
      expect(await attempt(email.toUpperCase(), `wrong-${i}-secret`, headers(i === 10 ? "198.51.100.11" : fresh()))).toBe(INVALID_CREDENTIALS);
    }
    const locked = await attempt(email, PASSWORD, headers(fresh()));
    expect(locked).toBe("Too many failed sign-in attempts for this account. Try again in 30 seconds.");
    expect(await attempt(email, "wrong-again", headers(fresh()))).toMatch(/for this account/); // not counted
    const events = await prisma.auditEvent.findMany({ where: { action: "user.lockout", targetId: id } });
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({ actorType: "system", actorId: null, targetType: "user", ip: "198.51.100.11", userAgent: "vitest" });
    expect(e.after).toMatchObject({ email, lockedSeconds: 30, failures: 11 });
    expect(JSON.stringify(e)).not.toMatch(/wrong-|secret|Passw0rd/);
  });

  it("an unknown email is counted the same way and writes no audit event", async () => {
    const email = `ghost-${uniq()}@example.test`;
    const before = await prisma.auditEvent.count({ where: { action: "user.lockout" } });
    for (let i = 0; i < 11; i++) await attempt(email, "wrong", headers(fresh()));
    expect(await attempt(email, "wrong", headers(fresh()))).toMatch(/for this account/);
    expect(await prisma.auditEvent.count({ where: { action: "user.lockout" } })).toBe(before);
  });

  it("an email of any length is counted (the store's key column holds 255 characters)", async () => {
    const email = `${"x".repeat(300)}-${uniq()}@example.test`;
    for (let i = 0; i < 11; i++) expect(await attempt(email, "wrong", headers(fresh()))).toBe(INVALID_CREDENTIALS);
    expect(await attempt(email, "wrong", headers(fresh()))).toMatch(/for this account/);
  });

  it("behind a trusted proxy, the address is the hop the proxy added", async () => {
    process.env.OMNI_TRUSTED_PROXIES = "10.0.0.0/8";
    const proxy = "10.0.0.9";
    const client = fresh();
    for (let i = 0; i < 6; i++) await attempt(`nobody-${uniq()}@example.test`, "wrong", headers(proxy, `198.51.100.${i}, ${client}`));
    // the client is throttled whatever it puts on the left; other clients of the same proxy are not
    expect(await attempt(`nobody-${uniq()}@example.test`, "wrong", headers(proxy, `192.0.2.77, ${client}`))).toMatch(/from your address/);
    expect(await attempt(`nobody-${uniq()}@example.test`, "wrong", headers(proxy, fresh()))).toBe(INVALID_CREDENTIALS);
  });

  it("a right password after failures signs in and starts the counts again", async () => {
    const { email } = await newUser();
    const peer = fresh();
    for (let i = 0; i < 4; i++) await attempt(email, "wrong", headers(peer));
    expect(await attempt(email, PASSWORD, headers(peer))).toBe("ok");
    for (let i = 0; i < 5; i++) expect(await attempt(email, "wrong", headers(peer))).toBe(INVALID_CREDENTIALS);
  });
});
