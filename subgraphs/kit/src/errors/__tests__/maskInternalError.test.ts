import { maskInternalError } from "../maskInternalError";

describe("maskInternalError", () => {
  it("replaces an internal error's message with a reference and logs the message under it", () => {
    const logged: string[] = [];
    const sql = `duplicate key value violates unique constraint "nominal_pkey": Key (family_name)=(Ashworth)`;
    for (const extensions of [undefined, { code: "INTERNAL_SERVER_ERROR" }]) {
      const masked = maskInternalError({ message: sql, path: ["recordNominal"], ...(extensions ? { extensions } : {}) }, "police", (line) => logged.push(line));
      expect(masked).toEqual({ message: expect.stringMatching(/^Internal error in police \(reference [0-9a-f-]{36}\)$/), path: ["recordNominal"], extensions: { code: "INTERNAL_SERVER_ERROR", reference: expect.any(String) } });
      expect(JSON.parse(logged.at(-1)!)).toEqual({ level: "error", service: "police", reference: masked.extensions!.reference, message: sql, path: ["recordNominal"] });
    }
  });

  it("leaves a coded error, and one a subgraph already masked, as they are", () => {
    const log = jest.fn();
    const forbidden = { message: "FORBIDDEN by rule health.detail", extensions: { code: "FORBIDDEN" } };
    const fromPolice = { message: "Internal error in police (reference 0b7f…)", extensions: { code: "INTERNAL_SERVER_ERROR", reference: "0b7f…" } };
    expect(maskInternalError(forbidden, "gateway", log)).toBe(forbidden);
    expect(maskInternalError(fromPolice, "gateway", log)).toBe(fromPolice);
    expect(log).not.toHaveBeenCalled();
  });
});
