/**
 * @tessera/demo — deterministic synthetic data for Tessera: a population with the realistic noise
 * identity must survive, and the named scenario, as NDJSON for each agency's bulk import plus a
 * truth file for measuring linkage.
 */
export { REGIONS, region, type Organisation, type Region } from "./areas";
export * from "./format";
export { COMMON_SURNAMES, FEMALE_NAMES, MALE_NAMES, RARER_SURNAMES, type GivenName } from "./names";
export { NOISE, transposeDayAndMonth, type NoiseProfile } from "./noise";
export type { Home, Person } from "./people";
export { DEFAULT_AS_OF, generatePopulation, type PopulationOptions, type PopulationSummary } from "./population";
export { Random } from "./random";
export { SCENARIO, scenarioRecords } from "./scenario";
export { DEMO_FILES, TRUTH_HEADER, writeDemoData, type DemoDataReport, type WriteDemoDataOptions } from "./writeDemoData";
