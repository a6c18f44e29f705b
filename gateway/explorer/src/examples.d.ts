/** The documented operations (docs/queries), read by the explorer's build (see build.ts). */
declare module "tessera:examples" {
  const examples: { name: string; query: string }[];
  export default examples;
}
