import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, test } from '@jest/globals';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadTooLargeError } from '../client/encryption-codec';
import { MAX_PAYLOAD_BYTES, refusalOf } from '../domain/payload-limits';
import { resolvePayloadKeys } from '../client/payload-keys';
import { loadConfig } from '../config';

const decoder = new TextDecoder();
const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');

const applicantData = {
  givenName: 'Marie-Ève',
  familyName: "O'Connor-Tremblay",
  email: 'marie-eve.oconnor@exportco.example.ca',
  sharedSecret: 'ABCD-EFGH-JKLM-NPQR',
};

function toPayload(value: unknown): Payload {
  return defaultPayloadConverter.toPayload(value);
}

function fromPayload(payload: Payload): unknown {
  return defaultPayloadConverter.fromPayload(payload);
}

function metadata(payload: Payload, name: string): string | undefined {
  const bytes = payload.metadata?.[name];
  return bytes ? decoder.decode(bytes) : undefined;
}

function contains(haystack: Uint8Array | null | undefined, needle: string): boolean {
  return Buffer.from(haystack ?? new Uint8Array()).includes(Buffer.from(needle, 'utf8'));
}

describe('EncryptionCodec', () => {
  test('round trip restores every payload exactly', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'a', keys: { a: keyA } });
    const originals = [
      toPayload(applicantData),
      toPayload('plain string'),
      toPayload(42),
      toPayload(null),
      toPayload(new Uint8Array([1, 2, 3])),
    ];
    const decoded = await codec.decode(await codec.encode(originals));
    assert.equal(decoded.length, originals.length);
    assert.deepEqual(decoded.map(fromPayload), [applicantData, 'plain string', 42, null, new Uint8Array([1, 2, 3])]);
    for (const [i, payload] of decoded.entries()) {
      assert.deepEqual(
        Buffer.from(payload.data ?? new Uint8Array()),
        Buffer.from(originals[i]!.data ?? new Uint8Array()),
      );
      assert.equal(metadata(payload, METADATA_ENCODING_KEY), metadata(originals[i]!, METADATA_ENCODING_KEY));
    }
  });

  test('the encoded payload holds no plaintext and carries the key id', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'a', keys: { a: keyA } });
    const plain = toPayload(applicantData);
    assert.ok(contains(plain.data, applicantData.email), 'sanity: the plain payload contains the e-mail');
    const [encoded] = await codec.encode([plain]);
    assert.ok(encoded);
    for (const value of Object.values(applicantData))
      assert.ok(!contains(encoded.data, value), `ciphertext contains ${value}`);
    assert.ok(!contains(encoded.data, 'json/plain'), 'even the original encoding is inside the ciphertext');
    assert.equal(metadata(encoded, METADATA_ENCODING_KEY), ENCRYPTED_ENCODING);
    assert.equal(metadata(encoded, KEY_ID_METADATA), 'a');
    assert.deepEqual(Object.keys(encoded.metadata ?? {}).sort(), [KEY_ID_METADATA, METADATA_ENCODING_KEY].sort());

    // A fresh IV each time: the same value never encrypts to the same bytes.
    const [again] = await codec.encode([plain]);
    assert.ok(!Buffer.from(again!.data!).equals(Buffer.from(encoded.data!)));
  });

  test('key rotation: a codec with keys {A, B} and B active reads both and writes with B', async () => {
    const before = new EncryptionCodec({ activeKeyId: 'A', keys: { A: keyA } });
    const rotated = new EncryptionCodec({ activeKeyId: 'B', keys: { A: keyA, B: keyB } });
    const [old] = await before.encode([toPayload(applicantData)]);
    const [fresh] = await rotated.encode([toPayload('after rotation')]);
    assert.equal(metadata(old!, KEY_ID_METADATA), 'A');
    assert.equal(metadata(fresh!, KEY_ID_METADATA), 'B');

    const decoded = await rotated.decode([old!, fresh!]);
    assert.deepEqual(decoded.map(fromPayload), [applicantData, 'after rotation']);

    // B really is a different key: the codec that only knows A cannot read B's payloads.
    await assert.rejects(before.decode([fresh!]), /No payload key "B" is configured/);
  });

  test('a tampered ciphertext fails to decode', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'a', keys: { a: keyA } });
    const [encoded] = await codec.encode([toPayload(applicantData)]);
    const data = Buffer.from(encoded!.data!);
    for (const index of [0, 12, Math.floor(data.length / 2), data.length - 1]) {
      const tampered = Buffer.from(data);
      tampered[index]! ^= 0x01;
      await assert.rejects(codec.decode([{ ...encoded!, data: tampered }]), Error, `byte ${index} flipped`);
    }
    await assert.rejects(codec.decode([{ ...encoded!, data: data.subarray(0, data.length - 1) }]), Error, 'truncated');
    // The untouched payload still decodes: the failures above are the tampering, not the codec.
    assert.deepEqual(fromPayload((await codec.decode([encoded!]))[0]!), applicantData);
  });

  test('a payload relabelled with another key id fails to decode, even when that key is present', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'A', keys: { A: keyA, B: keyA } });
    const [encoded] = await codec.encode([toPayload(applicantData)]);
    // Same key bytes under id B: only the authenticated key id differs.
    const relabelled: Payload = {
      ...encoded!,
      metadata: { ...encoded!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('B') },
    };
    await assert.rejects(codec.decode([relabelled]), /authenticate/);
  });

  test('an unknown key id fails with a message naming the key id', async () => {
    const writer = new EncryptionCodec({ activeKeyId: 'retired-2025', keys: { 'retired-2025': keyA } });
    const reader = new EncryptionCodec({ activeKeyId: 'current', keys: { current: keyB } });
    const [encoded] = await writer.encode([toPayload(applicantData)]);
    await assert.rejects(reader.decode([encoded!]), (error: Error) => {
      assert.match(error.message, /"retired-2025"/);
      assert.match(error.message, /CERS_PAYLOAD_KEYS/);
      assert.ok(!error.message.includes(keyA) && !error.message.includes(keyB), 'no key material in the message');
      return true;
    });
  });

  test('an encrypted payload without a key id is refused', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'a', keys: { a: keyA } });
    const [encoded] = await codec.encode([toPayload('x')]);
    const withoutKeyId = { ...encoded!.metadata };
    delete withoutKeyId[KEY_ID_METADATA];
    await assert.rejects(codec.decode([{ ...encoded!, metadata: withoutKeyId }]), /without a key id/);
  });

  test('payloads that are not encrypted pass through decode untouched', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'a', keys: { a: keyA } });
    const plain = [
      toPayload({ hello: 'world' }),
      { data: new Uint8Array([1, 2]) },
      { metadata: {}, data: new Uint8Array() },
    ];
    const decoded = await codec.decode(plain);
    assert.equal(decoded.length, 3);
    for (const [i, payload] of decoded.entries()) assert.equal(payload, plain[i], `payload ${i} is returned as is`);
  });

  test('refuses to encode a payload over the limit, before anything is sent', async () => {
    const codec = new EncryptionCodec({ activeKeyId: 'a', keys: { a: keyA } });
    await assert.rejects(codec.encode([toPayload('x'.repeat(MAX_PAYLOAD_BYTES))]), PayloadTooLargeError);
    assert.equal(
      (await codec.encode([toPayload('x'.repeat(MAX_PAYLOAD_BYTES - 100))])).length,
      1,
      'just under the limit is fine',
    );
  });

  test('a worker’s codec replaces what it cannot accept with a refusal marker instead of throwing', async () => {
    const worker = new EncryptionCodec({ activeKeyId: 'a', keys: { a: keyA } }, { refuse: 'mark' });
    const [encoded] = await worker.encode([toPayload(applicantData)]);
    const [other] = await new EncryptionCodec({ activeKeyId: 'z', keys: { z: keyB } }).encode([
      toPayload(applicantData),
    ]);
    const tampered = Buffer.from(encoded!.data!);
    tampered[20]! ^= 0x01;
    const cases: [string, Payload, string][] = [
      ['plaintext', toPayload(applicantData), 'not_encrypted'],
      ['no encoding', { data: new Uint8Array([1, 2]) }, 'not_encrypted'],
      ['an unknown key id', other!, 'undecodable'],
      ['tampered', { ...encoded!, data: tampered }, 'undecodable'],
      ['garbage', { metadata: encoded!.metadata, data: randomBytes(64) }, 'undecodable'],
      ['too large', { metadata: encoded!.metadata, data: randomBytes(MAX_PAYLOAD_BYTES + 4096) }, 'too_large'],
    ];
    for (const [what, payload, reason] of cases) {
      const [decoded] = await worker.decode([payload]);
      assert.equal(refusalOf(fromPayload(decoded!)), reason, what);
    }
    // What it can read, it reads.
    assert.deepEqual(fromPayload((await worker.decode([encoded!]))[0]!), applicantData);
  });

  test('rejects keys that are not 32 bytes and an active key that is not configured', () => {
    assert.throws(
      () => new EncryptionCodec({ activeKeyId: 'a', keys: { a: randomBytes(16).toString('base64') } }),
      /Payload key a must be 32 bytes/,
    );
    assert.throws(
      () => new EncryptionCodec({ activeKeyId: 'b', keys: { a: keyA } }),
      /Active payload key b is not configured/,
    );
  });
});

describe('resolvePayloadKeys', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cers-payload-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('creates <dataDir>/payload-keys.json with mode 0600 once, then reuses it', async () => {
    const dataDir = path.join(tempDir(), 'nested', '.data');
    const config = loadConfig({ CERS_DATA_DIR: dataDir });
    const file = path.join(dataDir, 'payload-keys.json');

    const first = resolvePayloadKeys(config);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), first);
    assert.equal(Buffer.from(first.keys[first.activeKeyId]!, 'base64').length, 32);
    const written = readFileSync(file, 'utf8');

    const second = resolvePayloadKeys(loadConfig({ CERS_DATA_DIR: dataDir }));
    assert.deepEqual(second, first, 'the same keys on the next start');
    assert.equal(readFileSync(file, 'utf8'), written, 'the file is not rewritten');

    // The keys work: what one process encrypts, the next start decrypts.
    const [encoded] = await new EncryptionCodec(first).encode([toPayload(applicantData)]);
    assert.deepEqual(fromPayload((await new EncryptionCodec(second).decode([encoded!]))[0]!), applicantData);

    // Another data directory gets its own, different key.
    const other = resolvePayloadKeys(loadConfig({ CERS_DATA_DIR: tempDir() }));
    assert.notEqual(other.keys[other.activeKeyId], first.keys[first.activeKeyId]);
  });

  test('configured keys win and no file is written', () => {
    const dataDir = tempDir();
    const config = loadConfig({ CERS_DATA_DIR: dataDir, CERS_PAYLOAD_KEYS: `prod-1=${keyA}` });
    assert.deepEqual(resolvePayloadKeys(config), config.payloadKeys);
    assert.throws(() => statSync(path.join(dataDir, 'payload-keys.json')), /ENOENT/);
  });

  test('an existing file is used as is', () => {
    const dataDir = tempDir();
    const existing = { activeKeyId: 'dev-7', keys: { 'dev-6': keyA, 'dev-7': keyB } };
    writeFileSync(path.join(dataDir, 'payload-keys.json'), JSON.stringify(existing), { mode: 0o600 });
    assert.deepEqual(resolvePayloadKeys(loadConfig({ CERS_DATA_DIR: dataDir })), existing);
  });

  test('production never falls back to a generated file', () => {
    const dataDir = tempDir();
    const config = { ...loadConfig({ CERS_DATA_DIR: dataDir }), env: 'production' as const };
    assert.throws(() => resolvePayloadKeys(config), /CERS_PAYLOAD_KEYS is required in production/);
    assert.throws(() => statSync(path.join(dataDir, 'payload-keys.json')), /ENOENT/);
  });
});
