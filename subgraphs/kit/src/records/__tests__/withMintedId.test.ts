import { withMintedId } from "../withMintedId";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("withMintedId", () => {
  it("keeps the caller's own id and every other field", () => {
    expect(withMintedId({ id: "NMC-N-1", givenNames: "Penelope" })).toEqual({ id: "NMC-N-1", givenNames: "Penelope" });
  });

  it.each([
    ["left out", {}],
    ["null", { id: null }],
    ["empty", { id: "" }],
  ])("mints a UUID when the id is %s", (_case, input: { id?: string | null }) => {
    expect(withMintedId({ ...input, familyName: "Ashworth" })).toEqual({ id: expect.stringMatching(UUID_V4), familyName: "Ashworth" });
  });

  it("mints a new id each time and leaves the input as it was", () => {
    const input: { id?: string; familyName: string } = { familyName: "Ashworth" };
    const first = withMintedId(input);
    const second = withMintedId(input);
    expect(first.id).not.toBe(second.id);
    expect(input).toEqual({ familyName: "Ashworth" });
  });
});
