import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseCsv, readLabelledCsv } from "../splinkCsv";

describe("Splink-format CSV", () => {
  it("parses quoted fields with commas, doubled quotes, newlines and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", ""],
    ]);
  });

  it("reads records with blanks as missing and the label from `group` when there is no `cluster`", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "linkage-csv-")), "people.csv");
    writeFileSync(file, 'unique_id,first_name,surname,dob,city,email,group\n1,"Rourke, Danny",,1988-02-11, ,d@x.org,7\n2,Dan,Rourke,,Leeds,,7\n');
    const { records, labels } = readLabelledCsv(file);
    expect(labels).toEqual(["7", "7"]);
    expect(records[0]).toEqual({ id: "1", firstName: "Rourke, Danny", dateOfBirth: "1988-02-11", email: "d@x.org" });
    expect(records[1]).toEqual({ id: "2", firstName: "Dan", surname: "Rourke", city: "Leeds" });
  });
});
