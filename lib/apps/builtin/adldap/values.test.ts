import { describe, expect, it } from "vitest";
import { attributesOf } from "./values";

describe("attribute values as SOAR's AD LDAP app shows them", () => {
  it("formats objectGUID and objectSid as AD writes them, other binaries in base64, drops empty attributes", () => {
    const guid = Buffer.from("dd36c5a68724dd4185240037342505da", "hex");
    const sid = Buffer.from("010500000000000515000000010000000200000003000000f4010000", "hex");
    const entry = { dn: "cn=x", objectGUID: guid, objectSid: sid, jpegPhoto: Buffer.from([1, 2, 3]), memberOf: ["a", "b"], mail: [] as string[], cn: "x" };
    expect(attributesOf(entry, false)).toEqual({ objectGUID: "{a6c536dd-2487-41dd-8524-0037342505da}", objectSid: "S-1-5-21-1-2-3-500", jpegPhoto: "AQID", memberOf: ["a", "b"], cn: "x" });
    expect(Object.keys(attributesOf(entry, true))).toEqual(["objectguid", "objectsid", "jpegphoto", "memberof", "cn"]);
  });
});
