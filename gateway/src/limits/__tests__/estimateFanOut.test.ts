import { getOperationAST, parse } from "graphql";
import { DEFAULT_OPERATION_LIMITS } from "../operationLimits";
import { estimateFanOut, type FanOutOptions } from "../estimateFanOut";
import { supergraphFanOut } from "../supergraphFanOut";
import { CASELOAD_IDS, documentedQueries, nestedAssociates, SUPERGRAPH_SDL, TWO_HUNDRED_ALIASES } from "./documentedQueries";

const model = supergraphFanOut(SUPERGRAPH_SDL);

function estimate(query: string, variables: Record<string, unknown> = {}, options: FanOutOptions = {}) {
  const document = parse(query);
  return estimateFanOut(model, document, getOperationAST(document)!, variables, options);
}

const SUBJECT = "00000000-0000-4000-8000-000000000001";

describe("the fan-out cost: what the gateway will fetch from the subgraphs", () => {
  it("the 200-alias query is refused: it costs the 1,601 subgraph requests it made", () => {
    const { fetches, cost } = estimate(TWO_HUNDRED_ALIASES);
    expect(fetches).toBe(1601);
    expect(cost).toBe(1601);
    expect(cost).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
  });

  it("one subject's risk costs identity and the eight fetches of risk's @requires chain", () => {
    // identity; police (events, counterparts); identity (event counterparts' subjects); identity
    // (police counterparts' subjects); police (their events); identity (their counterparts'
    // subjects); health; social care; risk — the planner's fetches for riskAssessment.
    expect(estimate(`{ subject(id: "${SUBJECT}") { riskAssessment { level } } }`).fetches).toBe(9);
  });

  it("a caseload of 500 ids passes: a list multiplies the entities a fetch carries, not the fetches", () => {
    const caseload = `query Caseload($ids: [ID!]!) { subjects(ids: $ids) { displayName riskAssessment { level } } }`;
    const one = estimate(caseload, { ids: [SUBJECT] });
    const five_hundred = estimate(caseload, { ids: CASELOAD_IDS });
    expect(five_hundred).toEqual(one);
    expect(five_hundred.cost).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost);
  });

  it("four subjects' risk by aliases costs four times one, and is refused where the same four as a list pass", () => {
    const aliased = estimate(`{ ${[1, 2, 3, 4].map((n) => `p${n}: subject(id: "${SUBJECT}") { riskAssessment { level } }`).join(" ")} }`);
    const listed = estimate(`{ subjects(ids: ["${SUBJECT}", "${SUBJECT}", "${SUBJECT}", "${SUBJECT}"]) { riskAssessment { level } } }`);
    expect(aliased.cost).toBe(1 + 4 * 8);
    expect(aliased.cost).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
    expect(listed.cost).toBe(9);
  });

  it("a list's size counts where it makes a fetch carry more than one fetch's worth of entities", () => {
    const events = (limit: string) => `query($ids: [ID!]!) { subjects(ids: $ids) { policeEvents(limit: ${limit}) { counterparts { person { subject { displayName } } } } } }`;
    // identity, police, then identity for 500 × 100 counterparts' subjects: 100 fetches' worth.
    expect(estimate(events("100"), { ids: CASELOAD_IDS })).toMatchObject({ fetches: 3, cost: 1 + 1 + 100 });
    expect(estimate(events("$limit").replace("query($ids: [ID!]!)", "query($ids: [ID!]!, $limit: Int)"), { ids: CASELOAD_IDS, limit: 2 })).toMatchObject({ fetches: 3, cost: 1 + 1 + 2 });
    expect(estimate(events("100"), { ids: CASELOAD_IDS }, { entitiesPerFetch: 50_000 }).cost).toBe(3);
  });

  it("a page size left out counts at the supergraph's default (searchSubjects: first = 20)", () => {
    const search = (first: string) => `{ searchSubjects(name: "Ashworth"${first}) { nodes { policeEvents { kind } } } }`;
    expect(estimate(search(""), {}, { entitiesPerFetch: 10 }).cost).toBe(1 + 2);
    expect(estimate(search(", first: 100"), {}, { entitiesPerFetch: 10 }).cost).toBe(1 + 10);
  });

  describe("a size the caller leaves to a default counts at that default, as the subgraphs will serve it", () => {
    // identity; police for 500 subjects; identity for their events' counterparts' subjects; health for
    // those subjects: 500 × 1000 entities in each of the last two, 1,000 fetches' worth each.
    const FAN_OUT = (limit: string) => `subjects(ids: $ids) { policeEvents${limit} { counterparts { person { subject { healthEvents${limit} { id } } } } } }`;
    const WRITTEN_OUT = 1 + 1 + 1000 + 1000;
    // The same with each events field at the subgraphs' own default of 100 events.
    const AT_DEFAULT = 1 + 1 + 100 + 100;

    it("written out, a limit of 1000 costs what it fetches and is refused", () => {
      expect(estimate(`query($ids: [ID!]!) { ${FAN_OUT("(limit: 1000)")} }`, { ids: CASELOAD_IDS }).cost).toBe(WRITTEN_OUT);
    });

    it("a variable the caller leaves out counts at the operation's default for it", () => {
      expect(estimate(`query($ids: [ID!]!, $l: Int = 1000) { ${FAN_OUT("(limit: $l)")} }`, { ids: CASELOAD_IDS }).cost).toBe(WRITTEN_OUT);
      expect(estimate(`query($ids: [ID!]! = ["${SUBJECT}"], $l: Int = 1000) { ${FAN_OUT("(limit: $l)")} }`).cost).toBe(1 + 1 + 2 + 2);
    });

    it("a variable given overrides the operation's default", () => {
      expect(estimate(`query($ids: [ID!]!, $l: Int = 1000) { ${FAN_OUT("(limit: $l)")} }`, { ids: CASELOAD_IDS, l: 2 }).cost).toBe(1 + 1 + 2 + 2);
    });

    it("an omitted limit counts at the subgraphs' default of 100 events, not at 1", () => {
      expect(estimate(`query($ids: [ID!]!) { ${FAN_OUT("")} }`, { ids: CASELOAD_IDS }).cost).toBe(AT_DEFAULT);
    });

    it("a null limit, written or given as a variable, counts at the subgraphs' default too", () => {
      expect(estimate(`query($ids: [ID!]!) { ${FAN_OUT("(limit: null)")} }`, { ids: CASELOAD_IDS }).cost).toBe(AT_DEFAULT);
      expect(estimate(`query($ids: [ID!]!, $l: Int) { ${FAN_OUT("(limit: $l)")} }`, { ids: CASELOAD_IDS, l: null }).cost).toBe(AT_DEFAULT);
      expect(estimate(`query($ids: [ID!]!, $l: Int = 1000) { ${FAN_OUT("(limit: $l)")} }`, { ids: CASELOAD_IDS, l: null }).cost).toBe(AT_DEFAULT);
    });

    it("a declared variable the caller leaves out, with no default of its own, takes the field's default", () => {
      expect(estimate(`query($ids: [ID!]!, $l: Int) { ${FAN_OUT("(limit: $l)")} }`, { ids: CASELOAD_IDS }).cost).toBe(AT_DEFAULT);
    });

    it("a page size by a variable with a default counts as the same page written out (searchSubjects(first: $n = 100))", () => {
      const search = (declared: string, first: string) => `query${declared} { searchSubjects(name: "Ashworth", first: ${first}) { nodes { policeEvents { kind } } } }`;
      const written = estimate(search("", "100"), {}, { entitiesPerFetch: 10 }).cost;
      expect(written).toBe(1 + 10);
      expect(estimate(search("($n: Int = 100)", "$n"), {}, { entitiesPerFetch: 10 }).cost).toBe(written);
      expect(estimate(search("($n: Int)", "$n"), { n: null }, { entitiesPerFetch: 10 }).cost).toBe(1 + 2);
    });
  });

  it("fields routed to one subgraph from one place share its fetch, as the planner groups them", () => {
    const apart = estimate(`{ subject(id: "${SUBJECT}") { policeEvents { kind } } }`);
    const together = estimate(`{ subject(id: "${SUBJECT}") { policeEvents { kind } policeCounterparts { agency } } }`);
    expect(together.fetches).toBe(apart.fetches);
    expect(together.fetches).toBe(2);
  });

  it("fragments are walked where they are spread, inline fragments and named alike", () => {
    const plain = estimate(`{ subject(id: "${SUBJECT}") { riskAssessment { level } } }`);
    const named = estimate(`{ subject(id: "${SUBJECT}") { ...Risk } } fragment Risk on Subject { riskAssessment { level } }`);
    const inline = estimate(`{ subject(id: "${SUBJECT}") { ... on Subject { riskAssessment { level } } } }`);
    expect(named).toEqual(plain);
    expect(inline).toEqual(plain);
  });

  it("each level of associates → subject is a new hop with risk's chain: the 10-level query costs far over the limit", () => {
    expect(estimate(nestedAssociates(10)).cost).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
  });

  it("a fragment that doubles at each level is stopped at the field limit, not walked to its 2^20 fields", () => {
    const fragments = Array.from({ length: 20 }, (_, n) => `fragment F${n} on Subject { displayName ${n < 19 ? `...F${n + 1} ...F${n + 1}` : ""} }`).join(" ");
    const bomb = estimate(`{ subject(id: "${SUBJECT}") { ...F0 } } ${fragments}`, {}, { stopAboveFields: DEFAULT_OPERATION_LIMITS.maxFields });
    expect(bomb.stopped).toBe(true);
    expect(bomb.fields).toBe(DEFAULT_OPERATION_LIMITS.maxFields + 1);
  });

  it("stops at the first unit over stopAbove and says the figure is a lower bound", () => {
    const stopped = estimate(TWO_HUNDRED_ALIASES, {}, { stopAbove: 25 });
    expect(stopped.stopped).toBe(true);
    expect(stopped.cost).toBeGreaterThan(25);
    expect(stopped.cost).toBeLessThan(40);
  });

  it("introspection and __typename cost nothing: the gateway answers them itself", () => {
    expect(estimate(`{ __schema { types { name } } __typename }`)).toMatchObject({ fetches: 0, cost: 0, fields: 0 });
  });

  it("mutations run one after another, each its own fetch", () => {
    const input = `{ force: "NMC", givenNames: "A", familyName: "B" }`;
    expect(estimate(`mutation { a: recordNominal(input: ${input}) { id } b: recordNominal(input: ${input}) { id } }`).fetches).toBe(2);
  });

  it.each(documentedQueries().map(({ name, query, variables }) => [name, query, variables] as const))("the documented %s costs no more than the default limit", (_name, query, variables) => {
    const { cost, fields } = estimate(query, variables);
    expect(cost).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost);
    expect(fields).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxFields);
  });
});
