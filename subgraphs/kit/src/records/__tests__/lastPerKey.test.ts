import { lastPerKey } from "../lastPerKey";

describe("lastPerKey", () => {
  it("keeps the last row of each key, in the order the keys were first seen", () => {
    const rows = [
      { id: "a", v: 1 },
      { id: "b", v: 1 },
      { id: "a", v: 2 },
      { id: "c", v: 1 },
      { id: "b", v: 2 },
    ];
    expect(lastPerKey(rows, (row) => row.id)).toEqual([
      { id: "a", v: 2 },
      { id: "b", v: 2 },
      { id: "c", v: 1 },
    ]);
  });

  it("keys on whatever the key function returns, e.g. a natural key", () => {
    const links = [
      { occurrenceId: "O-1", nominalId: "N-1", role: "VICTIM" },
      { occurrenceId: "O-1", nominalId: "N-1", role: "WITNESS" },
      { occurrenceId: "O-1", nominalId: "N-1", role: "VICTIM" },
    ];
    expect(lastPerKey(links, (link) => [link.occurrenceId, link.nominalId, link.role].join("|"))).toHaveLength(2);
  });

  it("returns nothing for nothing, and leaves its input alone", () => {
    expect(lastPerKey([], String)).toEqual([]);
    const rows = ["x", "x"];
    lastPerKey(rows, String);
    expect(rows).toEqual(["x", "x"]);
  });
});
