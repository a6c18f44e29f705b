import { randomUUID } from "node:crypto";
import { graphql, type GraphQLSchema } from "graphql";
import { ObjectType, Query, Resolver } from "type-graphql";
import { LoaderRegistry } from "../../loaders/LoaderRegistry";
import type { ServiceContext } from "../../server/ServiceContext";
import { defineAgencySubject, type EventFilter } from "../agencySubject";
import { buildFederatedSchema } from "../buildFederatedSchema";
import { Classification, PersonRef, SafeguardingEvent, SubjectRole } from "../safeguardingEvent";

@ObjectType("ProbeEvent", { implements: SafeguardingEvent })
class ProbeEvent extends SafeguardingEvent {}

@Resolver()
class ProbeQuery {
  @Query(() => String)
  probe(): string {
    return "ok";
  }
}

const at = (iso: string, id: string, kind = "VISIT"): ProbeEvent =>
  Object.assign(new ProbeEvent(), { id, kind, occurredAt: new Date(iso), agency: "probe", area: "PRB", role: SubjectRole.OTHER, counterparts: [], classification: Classification.OFFICIAL });

/** Two records: R1 and R2 share event E2 (both people's record in one event) and an id used by two kinds. */
const EVENTS: Record<string, ProbeEvent[]> = {
  R1: [at("2024-01-01T00:00:00Z", "E1"), at("2024-03-01T00:00:00Z", "E2"), at("2024-05-01T00:00:00Z", "X", "VISIT")],
  R2: [at("2024-03-01T00:00:00Z", "E2"), at("2024-04-01T00:00:00Z", "X", "REFERRAL")],
  R3: [at("2023-06-01T00:00:00Z", "E9")],
};

describe("defineAgencySubject", () => {
  let schema: GraphQLSchema;
  const calls: { ids: readonly string[]; filter: EventFilter }[] = [];

  beforeAll(async () => {
    const probe = defineAgencySubject<ProbeEvent>({
      agency: "probe",
      field: "probeEvents",
      eventType: ProbeEvent,
      kinds: ["VISIT", "REFERRAL"],
      description: "Probe events.",
      async loadEvents(_context, ids, filter) {
        calls.push({ ids, filter });
        return new Map(ids.map((id) => [id, (EVENTS[id] ?? []).filter((e) => !filter.kinds || filter.kinds.includes(e.kind))]));
      },
    });
    ({ schema } = await buildFederatedSchema({ service: "police",
      resolvers: [ProbeQuery, probe.resolver],
      orphanedTypes: [probe.subjectType, ProbeEvent, PersonRef],
      referenceResolvers: { Subject: probe.resolveReference },
    }));
  });
  beforeEach(() => (calls.length = 0));

  const entities = async (representations: object[], args = "") => {
    const contextValue = { requestId: randomUUID(), loaders: new LoaderRegistry() } as unknown as ServiceContext;
    return graphql({
      schema,
      contextValue,
      source: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { id probeEvents${args} { id kind occurredAt } } } }`,
      variableValues: { r: representations.map((r) => ({ __typename: "Subject", ...r })) },
    });
  };
  const ids = (result: Awaited<ReturnType<typeof entities>>, i = 0) =>
    ((result.data!._entities as { probeEvents: { id: string; kind: string }[] }[])[i]!.probeEvents ?? []).map((e) => `${e.kind}:${e.id}`);

  it("merges a subject's records newest first, an event shared by two records once, same-id events of different kinds both", async () => {
    const result = await entities([{ id: "S1", records: [{ agency: "probe", localId: "R1" }, { agency: "probe", localId: "R2" }] }]);
    expect(result.errors).toBeUndefined();
    expect(ids(result)).toEqual(["VISIT:X", "REFERRAL:X", "VISIT:E2", "VISIT:E1"]);
  });

  it("loads every record of every subject in one call, and ignores other agencies' records", async () => {
    const result = await entities([
      { id: "S1", records: [{ agency: "probe", localId: "R1" }, { agency: "police", localId: "R1-police" }] },
      { id: "S2", records: [{ agency: "probe", localId: "R3" }] },
      { id: "S3", records: [{ agency: "health", localId: "H1" }] },
    ]);
    expect(calls).toHaveLength(1);
    expect([...calls[0]!.ids].sort()).toEqual(["R1", "R3"]);
    expect([ids(result, 0), ids(result, 1), ids(result, 2)]).toEqual([["VISIT:X", "VISIT:E2", "VISIT:E1"], ["VISIT:E9"], []]);
  });

  it("applies the limit per subject after merging its records, and hands it to the loader", async () => {
    const result = await entities([{ id: "S1", records: [{ agency: "probe", localId: "R1" }, { agency: "probe", localId: "R2" }] }], "(limit: 2)");
    expect(ids(result)).toEqual(["VISIT:X", "REFERRAL:X"]);
    expect(calls[0]!.filter.limit).toBe(2);
  });

  it("passes from, to and kinds to the loader", async () => {
    await entities([{ id: "S1", records: [{ agency: "probe", localId: "R1" }] }], '(from: "2024-02-01T00:00:00Z", kinds: ["REFERRAL", "VISIT", "VISIT"])');
    expect(calls[0]!.filter).toEqual({ from: new Date("2024-02-01T00:00:00Z"), kinds: ["REFERRAL", "VISIT"], limit: 100 });
  });

  it.each([
    ['(kinds: ["ARREST"])', "kinds", "unknown kind ARREST"],
    ["(limit: 0)", "limit", "limit must be between 1 and 1000"],
    ['(from: "2024-02-01T00:00:00Z", to: "2024-01-01T00:00:00Z")', "from", "from must not be after to"],
  ])("refuses %s as bad input naming %s", async (args, field, message) => {
    const result = await entities([{ id: "S1", records: [{ agency: "probe", localId: "R1" }] }], args);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(result.errors![0]!.message).toContain(message);
    expect(calls).toHaveLength(0);
  });
});
